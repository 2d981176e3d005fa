using System.Text;

namespace Delivery.Notifications;

/// <summary>
/// The words of the build-failure issue: a title that is the issue's identity (one per workflow and ref, found
/// again by exact match), a body for the first failure, and comments for later failures and the recovery.
/// </summary>
public static class FailureIssueText
{
    /// <summary>"Docker build failing on main": people read it in the issue list, and the notifier finds the issue by it.</summary>
    /// <summary>Per branch; one for all tags, so the next green tag run closes what the last red one opened.</summary>
    public static string Title(CiRun run) => $"{run.Workflow} failing on {(run.IsTag ? "release tags" : run.RefName)}";

    public static string Body(CiRun run, IReadOnlyList<FailedTarget> targets) =>
        new StringBuilder()
            .AppendLine($"The **{run.Workflow}** workflow failed on `{run.RefName}`.")
            .AppendLine()
            .Append(Facts(run, targets))
            .AppendLine()
            .AppendLine($"Opened by the build's failure notification. Each further failure on `{run.RefName}` adds a comment here; " +
                "the first run of the workflow in which every job is green closes this issue.")
            .ToString();

    public static string FailureComment(CiRun run, IReadOnlyList<FailedTarget> targets) =>
        new StringBuilder()
            .AppendLine($"Failed again on `{run.RefName}`.")
            .AppendLine()
            .Append(Facts(run, targets))
            .ToString();

    public static string RecoveryComment(CiRun run) =>
        $"Fixed: every job of run {run.RunUrl} succeeded on commit [`{run.ShortSha}`]({run.CommitUrl}). Closing.\n";

    private static string Facts(CiRun run, IReadOnlyList<FailedTarget> targets)
    {
        var facts = new StringBuilder()
            .AppendLine($"- Commit: [`{run.ShortSha}`]({run.CommitUrl}) (`{run.Sha}`)")
            .AppendLine($"- Run: {run.RunUrl}")
            .AppendLine($"- Job: `{run.Job}`");
        if (targets.Count == 0)
        {
            // A cancelled run, or one stopped before any target failed: say so rather than name nothing.
            return facts.AppendLine("- Failed target: none; the build stopped (cancelled?) before a target failed").ToString();
        }

        foreach (var target in targets)
        {
            facts.AppendLine($"- Failed target: **{target.Name}**: {OneLine(target.Message)}");
        }

        return facts.ToString();
    }

    // Markdown must not break on a message: it stays on its list line, and a stray backtick cannot open code.
    private static string OneLine(string message) =>
        message.Replace('\r', ' ').Replace('\n', ' ').Replace('`', '\'');
}
