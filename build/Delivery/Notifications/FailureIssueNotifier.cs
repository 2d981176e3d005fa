using Delivery.GitHub;
using Octokit;
using Serilog;

namespace Delivery.Notifications;

/// <summary>
/// The build-failure issue on GitHub: one open issue per workflow and ref (one for all release tags), found by its
/// label and exact title. A failure opens it, or comments on it when it is already open; a green run closes it with
/// a comment, once the whole run is green (<see cref="WholeRunRule"/>). A label the repository lacks is created by
/// GitHub itself when the issue is opened with it (colour ededed), so there is no separate label call.
/// Writes are never retried: GitHub may have done one it answered 5xx to, and a retry would post it twice.
/// </summary>
public sealed class FailureIssueNotifier(IGitHubClient client, GitHubRepository repository, string label, GitHubRetry retry, ILogger log)
{
    private readonly GitHubRetry once = retry with { RetriesServerErrors = false };

    /// <summary>Opens the issue or comments on the open one; returns the issue's page.</summary>
    public async Task<string> ReportFailureAsync(CiRun run, IReadOnlyList<FailedTarget> targets)
    {
        var title = FailureIssueText.Title(run);
        if ((await FindOpenAsync(title)).FirstOrDefault() is { } open)
        {
            await CommentAsync(open, FailureIssueText.FailureComment(run, targets));
            log.Information("Commented on the open failure issue #{Number} '{Title}': {Url}", open.Number, title, open.HtmlUrl);
            return open.HtmlUrl;
        }

        var issue = new NewIssue(title) { Body = FailureIssueText.Body(run, targets) };
        issue.Labels.Add(label);
        var created = await once.RunAsync("open the failure issue", () => client.Issue.Create(repository.Owner, repository.Name, issue));
        log.Information("Opened failure issue #{Number} '{Title}': {Url}", created.Number, title, created.HtmlUrl);
        return await KeepOldestAsync(title, created, run, targets);
    }

    /// <summary>Closes the open issue(s) when the whole run is green; returns the first closed issue's page, or null when nothing was closed.</summary>
    public async Task<string?> ReportRecoveryAsync(CiRun run)
    {
        var title = FailureIssueText.Title(run);
        var open = await FindOpenAsync(title);
        if (open.Count == 0)
        {
            log.Debug("No open failure issue '{Title}'; nothing to close", title);
            return null;
        }

        if (!run.IsFinalJob)
        {
            log.Information("Failure issue #{Number} stays open: job '{Job}' is not the run's last (jobs after it may still fail); the last job closes it",
                open[0].Number, run.Job);
            return null;
        }

        var verdict = await WholeRunVerdictAsync(run);
        if (!verdict.IsGreen)
        {
            log.Information("Failure issue #{Number} stays open: {Reason}; the run's last job to finish green closes it", open[0].Number, verdict.Reason);
            return null;
        }

        foreach (var issue in open)
        {
            await CommentAsync(issue, FailureIssueText.RecoveryComment(run));
            await CloseAsync(issue, ItemStateReason.Completed);
            log.Information("Closed failure issue #{Number} '{Title}' ({Reason}): {Url}", issue.Number, title, verdict.Reason, issue.HtmlUrl);
        }

        return open[0].HtmlUrl;
    }

    /// <summary>
    /// Two jobs failing at once (matrix legs) may both find no issue and both open one: the newer closes itself as a
    /// duplicate and its failure goes to the oldest as a comment.
    /// </summary>
    private async Task<string> KeepOldestAsync(string title, Issue created, CiRun run, IReadOnlyList<FailedTarget> targets)
    {
        var oldest = (await FindOpenAsync(title)).FirstOrDefault();
        if (oldest is null || oldest.Number >= created.Number)
        {
            return created.HtmlUrl;
        }

        await CommentAsync(created, $"Duplicate of #{oldest.Number}, opened by another job of the same failure at the same time.");
        await CloseAsync(created, ItemStateReason.NotPlanned);
        await CommentAsync(oldest, FailureIssueText.FailureComment(run, targets));
        log.Information("Closed #{Number} as a duplicate of the open failure issue #{Oldest}: {Url}", created.Number, oldest.Number, oldest.HtmlUrl);
        return oldest.HtmlUrl;
    }

    private Task CommentAsync(Issue issue, string text) =>
        once.RunAsync($"comment on issue #{issue.Number}", () => client.Issue.Comment.Create(repository.Owner, repository.Name, issue.Number, text));

    private Task CloseAsync(Issue issue, ItemStateReason reason) =>
        once.RunAsync($"close issue #{issue.Number}", () =>
            client.Issue.Update(repository.Owner, repository.Name, issue.Number, new IssueUpdate { State = ItemState.Closed, StateReason = reason }));

    /// <summary>The open issues with this title, oldest first (GitHub lists pull requests among issues: left out).</summary>
    private async Task<IReadOnlyList<Issue>> FindOpenAsync(string title)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(label);
        var issues = await retry.RunAsync("list the open failure issues", () => client.Issue.GetAllForRepository(repository.Owner, repository.Name, request));
        return [.. issues.Where(issue => issue.PullRequest is null && issue.Title == title).OrderBy(issue => issue.Number)];
    }

    private async Task<RunVerdict> WholeRunVerdictAsync(CiRun run)
    {
        var response = await retry.RunAsync($"list the jobs of run {run.RunId}", () => client.Actions.Workflows.Jobs.List(repository.Owner, repository.Name, run.RunId));
        var jobs = response.Jobs.Select(job => new JobState(job.Name, job.Status.StringValue, job.Conclusion?.StringValue, job.RunnerName)).ToList();
        return WholeRunRule.Evaluate(jobs, run.RunnerName);
    }
}
