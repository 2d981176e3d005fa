namespace Delivery.Metrics;

/// <summary>The layer cache's share of the gateway image build: cached steps of all steps (FROM excluded).</summary>
public sealed record CacheMetrics(int CachedSteps, int TotalSteps)
{
    /// <summary>0 to 1, rounded to three places; null when no step ran.</summary>
    public double? HitRatio => TotalSteps == 0 ? null : Math.Round((double)CachedSteps / TotalSteps, 3);

    public override string ToString() =>
        TotalSteps == 0 ? "no steps" : $"{CachedSteps}/{TotalSteps} steps cached ({HitRatio * 100:0} %)";
}
