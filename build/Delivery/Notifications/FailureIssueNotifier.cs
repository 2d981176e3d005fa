using Delivery.GitHub;
using Octokit;
using Serilog;

namespace Delivery.Notifications;

/// <summary>
/// The build-failure issue on GitHub: one open issue per workflow and ref (one for all release tags), found by its
/// label and exact title. A red run opens it, or comments on it when it is already open; a green run closes it with
/// a comment. Both are told by the run's last job, which knows every other job's result. A label the repository lacks
/// is created by GitHub itself when the issue is opened with it (colour ededed), so there is no separate label call.
/// Writes are never retried (<see cref="GitHubRetry.WriteAsync{T}"/>): GitHub may have done one it answered 5xx to, and a retry would post it twice.
/// </summary>
public sealed class FailureIssueNotifier(IGitHubClient client, GitHubRepository repository, string label, GitHubRetry retry, ILogger log)
{
    /// <summary>Opens the issue or comments on the open one; returns the issue's page.</summary>
    public async Task<string> ReportFailureAsync(CiRun run, IReadOnlyList<JobOutcome> redJobs)
    {
        var title = FailureIssueText.Title(run);
        if ((await FindOpenAsync(title)).FirstOrDefault() is { } open)
        {
            await CommentAsync(open, FailureIssueText.FailureComment(run, redJobs));
            log.Information("Commented on the open failure issue #{Number} '{Title}': {Url}", open.Number, title, open.HtmlUrl);
            return open.HtmlUrl;
        }

        var issue = new NewIssue(title) { Body = FailureIssueText.Body(run, redJobs) };
        issue.Labels.Add(label);
        var created = await retry.WriteAsync("open the failure issue", () => client.Issue.Create(repository.Owner, repository.Name, issue));
        log.Information("Opened failure issue #{Number} '{Title}': {Url}", created.Number, title, created.HtmlUrl);
        return await KeepOldestAsync(title, created, run, redJobs);
    }

    /// <summary>
    /// After a green run: closes every open issue of the title (duplicates a race left too); returns the first closed
    /// issue's page, or null when none was open.
    /// </summary>
    public async Task<string?> ReportRecoveryAsync(CiRun run)
    {
        var title = FailureIssueText.Title(run);
        var open = await FindOpenAsync(title);
        if (open.Count == 0)
        {
            log.Information("No open failure issue '{Title}'; nothing to close", title);
            return null;
        }

        foreach (var issue in open)
        {
            await CommentAsync(issue, FailureIssueText.RecoveryComment(run));
            await CloseAsync(issue, ItemStateReason.Completed);
            log.Information("Closed failure issue #{Number} '{Title}': every job of the run succeeded: {Url}", issue.Number, title, issue.HtmlUrl);
        }

        return open[0].HtmlUrl;
    }

    /// <summary>
    /// Two runs failing at once (a push and a tag of the same commit, re-runs) may both find no issue and both open
    /// one: the newer closes itself as a duplicate and its failure goes to the oldest as a comment.
    /// </summary>
    private async Task<string> KeepOldestAsync(string title, Issue created, CiRun run, IReadOnlyList<JobOutcome> redJobs)
    {
        var oldest = (await FindOpenAsync(title)).FirstOrDefault();
        if (oldest is null || oldest.Number >= created.Number)
        {
            return created.HtmlUrl;
        }

        await CommentAsync(created, $"Duplicate of #{oldest.Number}, opened by another run's failure at the same time.");
        await CloseAsync(created, ItemStateReason.NotPlanned);
        await CommentAsync(oldest, FailureIssueText.FailureComment(run, redJobs));
        log.Information("Closed #{Number} as a duplicate of the open failure issue #{Oldest}: {Url}", created.Number, oldest.Number, oldest.HtmlUrl);
        return oldest.HtmlUrl;
    }

    private Task CommentAsync(Issue issue, string text) =>
        retry.WriteAsync($"comment on issue #{issue.Number}", () => client.Issue.Comment.Create(repository.Owner, repository.Name, issue.Number, text));

    private Task CloseAsync(Issue issue, ItemStateReason reason) =>
        retry.WriteAsync($"close issue #{issue.Number}", () =>
            client.Issue.Update(repository.Owner, repository.Name, issue.Number, new IssueUpdate { State = ItemState.Closed, StateReason = reason }));

    /// <summary>The open issues with this title, oldest first (GitHub lists pull requests among issues: left out).</summary>
    private async Task<IReadOnlyList<Issue>> FindOpenAsync(string title)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(label);
        var issues = await retry.RunAsync("list the open failure issues", () => client.Issue.GetAllForRepository(repository.Owner, repository.Name, request));
        return [.. issues.Where(issue => issue.PullRequest is null && issue.Title == title).OrderBy(issue => issue.Number)];
    }
}
