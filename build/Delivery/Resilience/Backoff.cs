namespace Delivery.Resilience;

/// <summary>
/// How often a call is attempted and how long it waits in between: nominally <see cref="Initial"/>, twice that, …
/// capped at <see cref="Maximum"/>; each wait is then jittered (<see cref="Jittered"/>) so that matrix legs failing at
/// the same moment do not retry in lockstep.
/// </summary>
public sealed record Backoff(int Attempts, TimeSpan Initial, TimeSpan Maximum)
{
    public static Backoff Default { get; } = new(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    /// <summary>No retry: for a figure in a report, where waiting on a failing service costs more than the figure is worth.</summary>
    public static Backoff SingleAttempt { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The nominal wait before attempt <paramref name="attempt"/> (2 is the first retry), without jitter.</summary>
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromTicks(Math.Min(Maximum.Ticks, Initial.Ticks * (1L << Math.Clamp(attempt - 2, 0, 20))));

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/>: between half and one and a half times the nominal one,
    /// <paramref name="sample"/> (0 ≤ sample &lt; 1) choosing where. Applied after the cap, so that legs that all reached
    /// <see cref="Maximum"/> still spread out.
    /// </summary>
    public TimeSpan Jittered(int attempt, double sample) => DelayBefore(attempt) * (0.5 + Math.Clamp(sample, 0, 1));
}
