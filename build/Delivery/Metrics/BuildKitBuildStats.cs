namespace Delivery.Metrics;

/// <summary>
/// What BuildKit reported about one or more image builds: how many Dockerfile steps it took from the layer cache
/// out of how many it ran or reused, and how many bytes of build context it transferred to the builder.
/// </summary>
/// <param name="CachedSteps">Steps printed as <c>CACHED</c>.</param>
/// <param name="TotalSteps">Dockerfile steps (<c>[stage n/m]</c>) other than <c>FROM</c>, which is resolved, never cached or run.</param>
/// <param name="ContextTransferBytes">
/// Bytes of build context sent to the builder, null when BuildKit printed no transfer. BuildKit sends only what
/// changed since the builder last saw the same context, so a rebuild without changes transfers a few bytes.
/// </param>
public sealed record BuildKitBuildStats(int CachedSteps, int TotalSteps, long? ContextTransferBytes)
{
    public static BuildKitBuildStats None { get; } = new(0, 0, null);

    /// <summary>Two builds together (one per platform): steps add up, and so do the transferred bytes.</summary>
    public BuildKitBuildStats Add(BuildKitBuildStats other) =>
        new(CachedSteps + other.CachedSteps, TotalSteps + other.TotalSteps,
            ContextTransferBytes is null && other.ContextTransferBytes is null ? null : (ContextTransferBytes ?? 0) + (other.ContextTransferBytes ?? 0));
}
