using System.Text.Json;
using Delivery.Registry;
using Tooling;

namespace Delivery.MultiArch;

/// <summary>Reads a registry's manifest JSON: an index's platform manifests, a descriptor's digest, a build's metadata file.</summary>
public static class ImageIndexDocument
{
    /// <summary>True for an OCI index or a Docker manifest list.</summary>
    public static bool IsIndex(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("mediaType", out var mediaType) && ManifestMediaTypes.IsIndex(mediaType.GetString())
               || document.RootElement.TryGetProperty("manifests", out _);
    }

    /// <summary>
    /// The platform manifests of an index, by platform. Attestation manifests (BuildKit's provenance, platform
    /// unknown/unknown) are not platforms and are left out.
    /// </summary>
    public static IReadOnlyDictionary<TargetPlatform, string> Platforms(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Platforms(document.RootElement);
    }

    /// <summary>The same, of an index already parsed (the registry client's <see cref="ManifestParser"/>).</summary>
    public static IReadOnlyDictionary<TargetPlatform, string> Platforms(JsonElement index)
    {
        var platforms = new SortedDictionary<TargetPlatform, string>();
        if (!index.TryGetProperty("manifests", out var manifests))
        {
            return platforms;
        }

        foreach (var manifest in manifests.EnumerateArray())
        {
            if (!manifest.TryGetProperty("platform", out var platform))
            {
                continue;
            }

            var os = platform.GetProperty("os").GetString()!;
            var architecture = platform.GetProperty("architecture").GetString()!;
            if (os == "unknown" || architecture == "unknown")
            {
                continue;
            }

            var variant = platform.TryGetProperty("variant", out var value) ? value.GetString() : null;
            platforms[new TargetPlatform(os, architecture, string.IsNullOrEmpty(variant) ? null : variant)] = manifest.GetProperty("digest").GetString()!;
        }

        return platforms;
    }

    /// <summary>The annotations of an index (<c>annotations</c> at its top level), empty when it has none.</summary>
    public static IReadOnlyDictionary<string, string> Annotations(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("annotations", out var annotations)
            ? annotations.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    /// <summary>The digest of <c>imagetools inspect --format '{{json .Manifest}}'</c>'s descriptor.</summary>
    public static string DescriptorDigest(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("digest").GetString()
               ?? throw new BuildFailedException($"The registry's descriptor has no digest: {json}");
    }

    /// <summary><c>containerimage.digest</c> of a <c>buildx build --metadata-file</c> file.</summary>
    public static string MetadataDigest(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("containerimage.digest", out var digest) && digest.GetString() is { } value && DigestFiles.IsDigest(value)
            ? value
            : throw new BuildFailedException($"The build's metadata file has no containerimage.digest: {json}");
    }
}
