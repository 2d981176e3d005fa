using Delivery.GitHub;
using Octokit;
using Serilog;
using Tooling;

namespace Delivery.CiReports;

/// <summary>
/// Reads the last completed runs of a workflow from GitHub's API: the runs (only as many pages as needed), each
/// run's jobs, and for failed jobs the targets their annotations name. Needs a token with actions: read (runs and
/// jobs) and checks: read (annotations); each operation's name says which, so a 403 tells what to grant.
/// </summary>
public sealed class WorkflowRunHistory(IGitHubClient client, GitHubRetry retry, ILogger log)
{
    /// <summary>GitHub's largest page.</summary>
    internal const int MaximumPageSize = 100;

    public async Task<IReadOnlyList<CiRun>> FetchAsync(GitHubRepository repository, string workflowFile, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var runs = await ListRunsAsync(repository, workflowFile, count, cancellationToken);
        log.Information("{Count} completed runs of {Workflow} in {Repository}; reading their jobs", runs.Count, workflowFile, repository);

        // One run after the other: GitHub asks clients not to send concurrent requests (secondary rate limits).
        var result = new List<CiRun>(runs.Count);
        foreach (var run in runs)
        {
            result.Add(await ReadRunAsync(repository, run, cancellationToken));
        }

        return result;
    }

    private async Task<IReadOnlyList<WorkflowRun>> ListRunsAsync(GitHubRepository repository, string workflowFile, int count, CancellationToken cancellationToken)
    {
        var pageSize = Math.Min(count, MaximumPageSize);
        var options = new ApiOptions { PageSize = pageSize, PageCount = (count + pageSize - 1) / pageSize, StartPage = 1 };
        var request = new WorkflowRunsRequest { Status = CheckRunStatusFilter.Completed };
        try
        {
            var response = await retry.RunAsync($"list the runs of {workflowFile}, which needs actions: read",
                () => client.Actions.Workflows.Runs.ListByWorkflow(repository.Owner, repository.Name, workflowFile, request, options), cancellationToken);
            return [.. response.WorkflowRuns.OrderByDescending(run => run.CreatedAt).Take(count)];
        }
        catch (NotFoundException exception)
        {
            throw new BuildFailedException(
                $"{repository} has no workflow '{workflowFile}' (or the token may not read its Actions). Pass the workflow's file name, " +
                "e.g. --ci-report-workflow docker-build.yml, and give the token actions: read.", exception);
        }
    }

    private async Task<CiRun> ReadRunAsync(GitHubRepository repository, WorkflowRun run, CancellationToken cancellationToken)
    {
        var response = await retry.RunAsync($"list the jobs of run {run.Id}, which needs actions: read",
            () => client.Actions.Workflows.Jobs.List(repository.Owner, repository.Name, run.Id,
                new WorkflowRunJobsRequest { Filter = WorkflowRunJobsFilter.Latest }, new ApiOptions { PageSize = MaximumPageSize }), cancellationToken);

        var jobs = new List<CiJob>(response.Jobs.Count);
        foreach (var job in response.Jobs.OrderBy(job => job.Id))
        {
            var conclusion = job.Conclusion?.StringValue ?? "";
            var failedTargets = RunOutcomes.Of(conclusion) == RunOutcome.Failed
                ? await FailedTargetsAsync(repository, job.Id, cancellationToken)
                : [];
            jobs.Add(new CiJob(job.Name, conclusion, job.CompletedAt - job.StartedAt, failedTargets));
        }

        return new CiRun(run.Id, (int)run.RunNumber, run.HeadBranch ?? "", run.Event ?? "", run.Conclusion?.StringValue ?? "",
            run.RunStartedAt, run.UpdatedAt - run.RunStartedAt, run.HtmlUrl ?? "", jobs);
    }

    /// <summary>A job's id is its check run's id, so the check run's annotations are the job's.</summary>
    private async Task<IReadOnlyList<string>> FailedTargetsAsync(GitHubRepository repository, long jobId, CancellationToken cancellationToken)
    {
        var annotations = await retry.RunAsync($"read the annotations of job {jobId}, which needs checks: read",
            () => client.Check.Run.GetAllAnnotations(repository.Owner, repository.Name, jobId), cancellationToken);
        return
        [
            .. annotations
                .Select(annotation => FailedTargetAnnotation.TargetOf(annotation.AnnotationLevel?.StringValue, annotation.Title))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal),
        ];
    }
}
