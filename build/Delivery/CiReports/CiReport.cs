using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.CiReports;

/// <summary>
/// artifacts/ci-report.json: the figures of the last runs of one workflow. Durations are in seconds; every list is
/// in the order the Markdown and HTML show it.
/// </summary>
public sealed record CiReport(
    string Repository,
    string Workflow,
    DateTimeOffset Generated,
    int RunsRequested,
    RunTally Tally,
    DurationSummary RunDuration,
    IReadOnlyList<RunPoint> Runs,
    IReadOnlyList<JobFigures> Jobs,
    IReadOnlyList<FailingTarget> FailingTargets,
    int FailedJobsWithoutTarget,
    JobTrend? SlowestTrend)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

/// <summary>How the runs ended. The success rate counts only runs with a verdict: cancelled and other runs are left out.</summary>
public sealed record RunTally(int Succeeded, int Failed, int Cancelled, int Other)
{
    public int Total => Succeeded + Failed + Cancelled + Other;

    /// <summary>Succeeded ÷ (succeeded + failed); null when no run reached a verdict.</summary>
    public double? SuccessRate => Succeeded + Failed == 0 ? null : (double)Succeeded / (Succeeded + Failed);
}

/// <summary>Median and p90 of a set of durations, in seconds; null without any.</summary>
public sealed record DurationSummary(int Samples, double? MedianSeconds, double? P90Seconds)
{
    public static DurationSummary Of(IReadOnlyCollection<double> seconds) =>
        seconds.Count == 0
            ? new DurationSummary(0, null, null)
            : new DurationSummary(seconds.Count, Percentiles.Median(seconds), Percentiles.P90(seconds));
}

/// <summary>One run, for the chart of run duration over time (oldest first).</summary>
public sealed record RunPoint(long Id, int Number, DateTimeOffset Started, double DurationSeconds, string Conclusion, string Branch, string Event, string Url);

/// <summary>
/// One job (a matrix leg on its own): how often it ran (skipped runs left out) and failed, its durations over the
/// runs that reached a verdict, and its trend.
/// </summary>
public sealed record JobFigures(string Name, int Ran, int Failed, DurationSummary Duration, JobTrend? Trend);

/// <summary>A job's median duration in the older half of the window against the newer half.</summary>
public sealed record JobTrend(string Job, double OlderMedianSeconds, double NewerMedianSeconds)
{
    /// <summary>(newer − older) ÷ older, in percent; positive when the job got slower.</summary>
    public double ChangePercent => OlderMedianSeconds == 0 ? 0 : (NewerMedianSeconds - OlderMedianSeconds) / OlderMedianSeconds * 100;
}

/// <summary>A build target named by failed jobs' annotations: in how many failed jobs, which jobs, and the newest.</summary>
public sealed record FailingTarget(string Target, int Failures, IReadOnlyList<string> Jobs, int LastSeenRun, DateTimeOffset LastSeen, string LastSeenUrl);
