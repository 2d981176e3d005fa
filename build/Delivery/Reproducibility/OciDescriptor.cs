using System.Text.Json;
using Delivery.MultiArch;

namespace Delivery.Reproducibility;

/// <summary>
/// A pointer to a blob in an OCI image layout (<c>index.json</c>, an image index, a manifest's config and layers):
/// what it is, its digest and size, and for an index's entries the platform and annotations that decide which one a
/// comparison looks at.
/// </summary>
public sealed record OciDescriptor(
    string MediaType,
    string Digest,
    long Size,
    TargetPlatform? Platform,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>BuildKit's annotation on an attestation manifest (provenance, SBOM), which is no image of its own.</summary>
    public const string ReferenceTypeAnnotation = "vnd.docker.reference.type";

    /// <summary>
    /// BuildKit's provenance and SBOM manifests sit in the index beside the images, marked by platform
    /// unknown/unknown or the reference-type annotation; they describe an image and have no filesystem to compare.
    /// </summary>
    public bool IsAttestation =>
        Annotations.TryGetValue(ReferenceTypeAnnotation, out var type) && type == "attestation-manifest"
        || Platform is { Os: "unknown" } or { Architecture: "unknown" };

    internal static OciDescriptor FromJson(JsonElement descriptor) => new(
        descriptor.TryGetProperty("mediaType", out var mediaType) ? mediaType.GetString() ?? "" : "",
        descriptor.GetProperty("digest").GetString() ?? throw new InvalidDataException($"A descriptor without a digest: {descriptor}"),
        descriptor.TryGetProperty("size", out var size) ? size.GetInt64() : 0,
        descriptor.TryGetProperty("platform", out var platform) ? PlatformOf(platform) : null,
        descriptor.TryGetProperty("annotations", out var annotations)
            ? annotations.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// The platform of an index entry, or of an image config (the same <c>os</c>, <c>architecture</c> and <c>variant</c>
    /// fields); null where either of the first two is missing.
    /// </summary>
    internal static TargetPlatform? PlatformOf(JsonElement element) =>
        element.TryGetProperty("os", out var os) && os.GetString() is { Length: > 0 } osName
        && element.TryGetProperty("architecture", out var architecture) && architecture.GetString() is { Length: > 0 } architectureName
            ? new TargetPlatform(osName, architectureName,
                element.TryGetProperty("variant", out var variant) && variant.GetString() is { Length: > 0 } variantName ? variantName : null)
            : null;
}
