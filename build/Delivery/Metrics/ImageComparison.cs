namespace Delivery.Metrics;

/// <summary>
/// The previous image of the same branch (its moving tag, read before this run could move it) against which the
/// compressed size is compared; or why there is none.
/// </summary>
/// <param name="Reference">registry/name:branch-tag; null when the build has no moving branch tag.</param>
/// <param name="Digest">The manifest the tag pointed at; null when it was not read.</param>
/// <param name="CompressedBytes">Its compressed size (the manifest's layer sizes); null when it was not read.</param>
/// <param name="Unavailable">Why there is no comparison (not queried, no such tag, registry unreachable); null when there is one.</param>
public sealed record ImageComparison(string? Reference, string? Digest, long? CompressedBytes, string? Unavailable)
{
    public static ImageComparison Found(string reference, string digest, long compressedBytes) => new(reference, digest, compressedBytes, null);

    public static ImageComparison NotAvailable(string? reference, string reason) => new(reference, null, null, reason);
}
