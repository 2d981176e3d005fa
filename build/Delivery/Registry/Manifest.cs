using Delivery.MultiArch;

namespace Delivery.Registry;

/// <summary>A blob a manifest uses (config or layer), by digest and size.</summary>
public sealed record BlobReference(string Digest, long Size);

/// <summary>
/// One manifest as the registry serves it: its size, what it references (an index's manifests), what it is about
/// (an OCI referrer's <c>subject</c>) and the blobs it uses. The cleanup walks it; the image report adds up its layers.
/// </summary>
/// <param name="Digest">What the manifest was read by, or for a tag the registry's Docker-Content-Digest.</param>
/// <param name="Size">The manifest document's own bytes.</param>
/// <param name="Children">An index's manifests (platform manifests, BuildKit attestation manifests).</param>
/// <param name="Subject">The digest an OCI referrer (a signature or attestation pushed with <c>subject</c>) is about.</param>
/// <param name="Config">An image manifest's config blob; null for an index.</param>
/// <param name="Layers">An image manifest's layers, compressed as a pull downloads them.</param>
public sealed record Manifest(
    string Digest,
    string MediaType,
    long Size,
    IReadOnlyList<string> Children,
    string? Subject,
    BlobReference? Config,
    IReadOnlyList<BlobReference> Layers)
{
    public bool IsIndex => ManifestMediaTypes.IsIndex(MediaType) || Children.Count > 0;

    /// <summary>Config and layers: every blob the manifest keeps alive in the registry.</summary>
    public IReadOnlyList<BlobReference> Blobs => Config is null ? Layers : [Config, .. Layers];

    /// <summary>
    /// An index's platform manifests by platform; attestation manifests (platform unknown/unknown) are not platforms
    /// and are only in <see cref="Children"/>.
    /// </summary>
    public IReadOnlyDictionary<TargetPlatform, string> Platforms { get; init; } = new Dictionary<TargetPlatform, string>();
}
