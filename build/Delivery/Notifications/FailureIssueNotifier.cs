using Delivery.GitHub;
using Octokit;
using Serilog;

namespace Delivery.Notifications;

/// <summary>
/// The build-failure issue on GitHub: one open issue per workflow and ref, found by its label and exact title.
/// A failure opens it, or comments on it when it is already open; a green run closes it with a comment, once the
/// whole run is green (<see cref="WholeRunRule"/>). A label the repository lacks is created by GitHub itself when
/// the issue is opened with it (colour ededed), so there is no separate label call.
/// </summary>
public sealed class FailureIssueNotifier(IGitHubClient client, GitHubRepository repository, string label, GitHubRetry retry, ILogger log)
{
    /// <summary>Opens the issue or comments on the open one; returns the issue's page.</summary>
    public async Task<string> ReportFailureAsync(CiRun run, IReadOnlyList<FailedTarget> targets)
    {
        var title = FailureIssueText.Title(run);
        if (await FindOpenAsync(title) is { } open)
        {
            await retry.RunAsync($"comment on issue #{open.Number}", () =>
                client.Issue.Comment.Create(repository.Owner, repository.Name, open.Number, FailureIssueText.FailureComment(run, targets)));
            log.Information("Commented on the open failure issue #{Number} '{Title}': {Url}", open.Number, title, open.HtmlUrl);
            return open.HtmlUrl;
        }

        var issue = new NewIssue(title) { Body = FailureIssueText.Body(run, targets) };
        issue.Labels.Add(label);
        var created = await retry.RunAsync("open the failure issue", () => client.Issue.Create(repository.Owner, repository.Name, issue));
        log.Information("Opened failure issue #{Number} '{Title}': {Url}", created.Number, title, created.HtmlUrl);
        return created.HtmlUrl;
    }

    /// <summary>Closes the open issue when the whole run is green; returns the closed issue's page, or null when nothing was closed.</summary>
    public async Task<string?> ReportRecoveryAsync(CiRun run)
    {
        var title = FailureIssueText.Title(run);
        if (await FindOpenAsync(title) is not { } open)
        {
            log.Debug("No open failure issue '{Title}'; nothing to close", title);
            return null;
        }

        if (!run.IsFinalJob)
        {
            log.Information("Failure issue #{Number} stays open: job '{Job}' is not the run's last (jobs after it may still fail); the last job closes it",
                open.Number, run.Job);
            return null;
        }

        var verdict = await WholeRunVerdictAsync(run);
        if (!verdict.IsGreen)
        {
            log.Information("Failure issue #{Number} stays open: {Reason}; the run's last job to finish green closes it", open.Number, verdict.Reason);
            return null;
        }

        await retry.RunAsync($"comment on issue #{open.Number}", () =>
            client.Issue.Comment.Create(repository.Owner, repository.Name, open.Number, FailureIssueText.RecoveryComment(run)));
        await retry.RunAsync($"close issue #{open.Number}", () =>
            client.Issue.Update(repository.Owner, repository.Name, open.Number, new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed }));
        log.Information("Closed failure issue #{Number} '{Title}' ({Reason}): {Url}", open.Number, title, verdict.Reason, open.HtmlUrl);
        return open.HtmlUrl;
    }

    private async Task<Issue?> FindOpenAsync(string title)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(label);
        var issues = await retry.RunAsync("list the open failure issues", () => client.Issue.GetAllForRepository(repository.Owner, repository.Name, request));
        // GitHub lists pull requests among issues; the oldest match wins should two ever exist.
        return issues.Where(issue => issue.PullRequest is null && issue.Title == title).MinBy(issue => issue.Number);
    }

    private async Task<RunVerdict> WholeRunVerdictAsync(CiRun run)
    {
        var response = await retry.RunAsync($"list the jobs of run {run.RunId}", () => client.Actions.Workflows.Jobs.List(repository.Owner, repository.Name, run.RunId));
        var jobs = response.Jobs.Select(job => new JobState(job.Name, job.Status.StringValue, job.Conclusion?.StringValue, job.RunnerName)).ToList();
        return WholeRunRule.Evaluate(jobs, run.RunnerName);
    }
}
