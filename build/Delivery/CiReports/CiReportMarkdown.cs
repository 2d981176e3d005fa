using System.Globalization;
using System.Text;

namespace Delivery.CiReports;

/// <summary>
/// artifacts/ci-report.md, also the job summary and the log: the success rate, the jobs table, the slowest trend and
/// the targets that fail most. Text from the API is escaped so it cannot break a table or smuggle in HTML.
/// </summary>
public static class CiReportMarkdown
{
    public static string Render(CiReport report)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# CI report: {Escape(report.Workflow)}")
            .AppendLine()
            .AppendLine(Scope(report))
            .AppendLine();

        if (report.Runs.Count == 0)
        {
            return text.AppendLine("No completed runs yet.").ToString();
        }

        var tally = report.Tally;
        text.AppendLine(CultureInfo.InvariantCulture,
                $"**Success rate: {Rate(tally)}** ({tally.Succeeded} of {tally.Succeeded + tally.Failed} runs with a verdict succeeded, {tally.Failed} failed; " +
                $"{tally.Cancelled} cancelled and {tally.Other} other runs are not counted).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"Run duration: median {DurationText.Format(report.RunDuration.MedianSeconds)}, p90 {DurationText.Format(report.RunDuration.P90Seconds)} (start to last update, all {report.Runs.Count} runs).")
            .AppendLine()
            .AppendLine("## Jobs")
            .AppendLine()
            .AppendLine("| Job | Ran | Failed | Median | p90 | Older half | Newer half | Change |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var job in report.Jobs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Escape(job.Name)} | {job.Ran} | {job.Failed} | {DurationText.Format(job.Duration.MedianSeconds)} | {DurationText.Format(job.Duration.P90Seconds)} | " +
                $"{DurationText.Format(job.Trend?.OlderMedianSeconds)} | {DurationText.Format(job.Trend?.NewerMedianSeconds)} | {(job.Trend is { } trend ? DurationText.Change(trend.ChangePercent) : "–")} |");
        }

        text.AppendLine()
            .AppendLine(report.SlowestTrend is { } slowest
                ? $"**Slowest trend:** {Escape(slowest.Job)} — median {DurationText.Format(slowest.OlderMedianSeconds)} in the older half of the window, " +
                  $"{DurationText.Format(slowest.NewerMedianSeconds)} in the newer half ({DurationText.Change(slowest.ChangePercent)})."
                : "**Slowest trend:** no job got slower between the older and the newer half of the window.")
            .AppendLine()
            .AppendLine("## Targets that fail most")
            .AppendLine();

        if (report.FailingTargets.Count == 0)
        {
            text.AppendLine("No failed job named a failed target.");
        }
        else
        {
            text.AppendLine("| Target | Failures | Jobs | Last seen |").AppendLine("|---|---:|---|---|");
            foreach (var target in report.FailingTargets)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Escape(target.Target)} | {target.Failures} | {Escape(string.Join(", ", target.Jobs))} | #{target.LastSeenRun}, {target.LastSeen.UtcDateTime:yyyy-MM-dd} |");
            }
        }

        if (report.FailedJobsWithoutTarget > 0)
        {
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture,
                    $"{report.FailedJobsWithoutTarget} failed jobs named no target: they failed outside the build's targets (checkout, set-up, a runner lost).");
        }

        return text.ToString();
    }

    private static string Scope(CiReport report)
    {
        var window = report.Runs.Count > 0
            ? string.Create(CultureInfo.InvariantCulture,
                $": #{report.Runs[0].Number} ({report.Runs[0].Started.UtcDateTime:yyyy-MM-dd}) to #{report.Runs[^1].Number} ({report.Runs[^1].Started.UtcDateTime:yyyy-MM-dd})")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Escape(report.Repository)}, the last {report.Runs.Count} completed runs (of {report.RunsRequested} asked for){window}; generated {report.Generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
    }

    private static string Rate(RunTally tally) =>
        tally.SuccessRate is { } rate ? rate.ToString("0.0 %", CultureInfo.InvariantCulture) : "–";

    /// <summary>Keeps API text inside its table cell and inert: no pipes, no line breaks, no tags.</summary>
    internal static string Escape(string text) =>
        text.Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
