namespace Delivery.Metrics;

/// <summary>
/// The gateway image the run built (DockerBuild) and, if it pushed it, where to (Push, Merge). Sizes in bytes.
/// </summary>
/// <param name="References">Full references (registry/name:tag): the computed tags, or what was pushed.</param>
/// <param name="ImageId">The local engine's image id (config digest); empty for a run that only merged pushed platforms.</param>
/// <param name="Digest">The pushed manifest's (or index's) digest; null when not pushed.</param>
/// <param name="Platforms">linux/amd64, …: one per platform built.</param>
/// <param name="UncompressedBytes">The unpacked layers (<see cref="Delivery.Docker.ImageDetails.Size"/>).</param>
/// <param name="CompressedBytes">What a pull downloads (layers, gzip); see <see cref="CompressedSizeSource"/>.</param>
/// <param name="Layers">Layer count (RootFS.Layers).</param>
/// <param name="ContextTransferBytes">Build context BuildKit transferred to the builder (only what changed since its last build).</param>
/// <param name="Cache">Cached steps of all steps.</param>
public sealed record ImageMetrics(
    IReadOnlyList<string> References,
    string ImageId,
    IReadOnlyList<string> Platforms,
    long? UncompressedBytes,
    int? Layers,
    long? ContextTransferBytes,
    CacheMetrics? Cache)
{
    public string? Digest { get; init; }

    public long? CompressedBytes { get; init; }

    public CompressedSizeSource? CompressedSizeSource { get; init; }

    public BudgetMetrics? Budget { get; init; }

    public ImageComparison? Previous { get; init; }

    /// <summary>The compressed size against the previous image's; null unless both are known.</summary>
    public SizeChange? CompressedSizeChange =>
        Previous?.CompressedBytes is { } previous && CompressedBytes is { } current ? new SizeChange(previous, current) : null;
}
