namespace Delivery.Storage;

/// <summary>A blob a manifest uses (config or layer), by digest and size.</summary>
public sealed record BlobReference(string Digest, long Size);

/// <summary>
/// What the cleanup needs of one manifest: its size, what it references (an index's manifests), what it is
/// about (an OCI referrer's <c>subject</c>) and the blobs it uses.
/// </summary>
/// <param name="Size">The manifest document's own bytes.</param>
/// <param name="Children">An index's manifests (platform manifests, BuildKit attestation manifests).</param>
/// <param name="Subject">The digest an OCI referrer (a signature or attestation pushed with <c>subject</c>) is about.</param>
/// <param name="Blobs">An image manifest's config and layers.</param>
public sealed record Manifest(
    string Digest,
    string MediaType,
    long Size,
    IReadOnlyList<string> Children,
    string? Subject,
    IReadOnlyList<BlobReference> Blobs)
{
    public bool IsIndex => ManifestMediaTypes.IsIndex(MediaType) || Children.Count > 0;
}
