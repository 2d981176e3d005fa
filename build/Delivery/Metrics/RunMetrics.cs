namespace Delivery.Metrics;

/// <summary>The run as a whole: when, how it ended, what it built (if known) and where it ran.</summary>
/// <param name="Commit">The commit built (GITHUB_SHA, or the clone's HEAD when the run resolved it); null when unknown.</param>
/// <param name="Ref">The git ref (<c>refs/heads/main</c>, <c>refs/tags/v1.2.3</c>); null when unknown.</param>
/// <param name="Host"><c>terminal</c> or <c>github-actions</c>.</param>
public sealed record RunMetrics(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Succeeded,
    string? Commit,
    string? Ref,
    string Host)
{
    public long DurationMs => (long)(FinishedAt - StartedAt).TotalMilliseconds;
}
