namespace Delivery.Benchmarks;

/// <summary>One short wrk run of a series: when it ended (counted from the start of the series' first request) and its rate.</summary>
public sealed record LoadWindow(TimeSpan End, double RequestsPerSecond);

/// <summary>How fast a freshly started process reaches its steady-state throughput, from consecutive short wrk windows.</summary>
public static class WarmUpRamp
{
    /// <summary>
    /// The end of the first window at or above <paramref name="fraction"/> of <paramref name="steadyRequestsPerSecond"/>,
    /// counted from the first request under load; null when no window reached it. The end and not the start of that
    /// window: it is the first moment the whole window is known to have run at that rate (so the answer is never
    /// shorter than one window).
    /// </summary>
    public static TimeSpan? TimeToReach(IReadOnlyList<LoadWindow> windows, double steadyRequestsPerSecond, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steadyRequestsPerSecond);
        if (fraction is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A fraction of the steady state lies in (0, 1].");
        }

        var threshold = steadyRequestsPerSecond * fraction;
        return windows.FirstOrDefault(window => window.RequestsPerSecond >= threshold)?.End;
    }
}
