using System.Text;

namespace Delivery.Notifications;

/// <summary>
/// The words of the build-failure issue: a title that is the issue's identity (one per workflow and ref, found
/// again by exact match), a body for the first failure, and comments for later failures and the recovery.
/// </summary>
public static class FailureIssueText
{
    /// <summary>
    /// "Docker build failing on main": people read it in the issue list, and the notifier finds the issue by it. Per
    /// branch; one for all tags, so the next green tag run closes what the last red one opened.
    /// </summary>
    public static string Title(CiRun run) => $"{run.Workflow} failing on {(run.IsTag ? "release tags" : run.RefName)}";

    public static string Body(CiRun run, IReadOnlyList<JobOutcome> redJobs) =>
        new StringBuilder()
            .AppendLine($"The **{run.Workflow}** workflow failed on `{run.RefName}`.")
            .AppendLine()
            .Append(Facts(run, redJobs))
            .AppendLine()
            .AppendLine($"Opened by the workflow's notify job. Each further failure on `{run.RefName}` adds a comment here; " +
                "the first run of the workflow in which every job is green closes this issue.")
            .ToString();

    public static string FailureComment(CiRun run, IReadOnlyList<JobOutcome> redJobs) =>
        new StringBuilder()
            .AppendLine($"Failed again on `{run.RefName}`.")
            .AppendLine()
            .Append(Facts(run, redJobs))
            .ToString();

    public static string RecoveryComment(CiRun run) =>
        $"Fixed: every job of run {run.RunUrl} succeeded on commit [`{run.ShortSha}`]({run.CommitUrl}). Closing.\n";

    private static string Facts(CiRun run, IReadOnlyList<JobOutcome> redJobs)
    {
        var facts = new StringBuilder()
            .AppendLine($"- Commit: [`{run.ShortSha}`]({run.CommitUrl}) (`{run.Sha}`)")
            .AppendLine($"- Run: {run.RunUrl}");
        foreach (var job in redJobs)
        {
            facts.AppendLine($"- Job `{job.Job}`: {job.Result}");
            if (job.FailedTargets.Count == 0)
            {
                // The job is red, but its build named no failed target: say where to look rather than name nothing.
                facts.AppendLine("  - No target failed in its build: a step outside the build (a tool set-up, an upload), a check before the " +
                    "first target, a cancellation or a lost runner stopped it; the run's log says which");
            }

            foreach (var target in job.FailedTargets)
            {
                facts.AppendLine($"  - Failed target: **{target.Name}**{(target.Leg is { } leg ? $" ({leg})" : "")}: {OneLine(target.Message)}");
            }
        }

        return facts.ToString();
    }

    // Markdown must not break on a message: it stays on its list line, and a stray backtick cannot open code.
    private static string OneLine(string message) =>
        message.Replace('\r', ' ').Replace('\n', ' ').Replace('`', '\'');
}
