namespace Delivery.Registry;

/// <summary>Exponential back-off between attempts: <see cref="Initial"/>, twice that, … capped at <see cref="Maximum"/>.</summary>
public sealed record Backoff(int Attempts, TimeSpan Initial, TimeSpan Maximum)
{
    public static Backoff Default { get; } = new(4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    /// <summary>No retry: for a figure in a report, where waiting on a failing service costs more than the figure is worth.</summary>
    public static Backoff SingleAttempt { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 is the first retry).</summary>
    public TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromTicks(Math.Min(Maximum.Ticks, Initial.Ticks * (1L << Math.Clamp(attempt - 2, 0, 20))));
}
