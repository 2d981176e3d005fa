namespace Delivery.Metrics;

/// <summary>One target of the run's plan: its outcome, how long it took, and the engine's note (why skipped, what failed).</summary>
public sealed record TargetMetrics(string Name, string Status, long DurationMs, string? Note);
