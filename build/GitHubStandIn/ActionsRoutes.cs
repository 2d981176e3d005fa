using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GitHubStandIn;

/// <summary>
/// <c>GET /repos/{owner}/{repo}/actions/workflows/{file}/runs</c>, <c>…/actions/runs/{id}/jobs</c> and
/// <c>…/check-runs/{id}/annotations</c>, in the shapes of GitHub's REST reference (Recordings/actions/). The runs
/// list honours <c>status</c>; total_count counts the filtered runs, as GitHub's does. Runs and jobs need
/// <c>actions: read</c>, annotations <c>checks: read</c>.
/// </summary>
internal static class ActionsRoutes
{
    public static void Map(RouteGroupBuilder api, ActionsStore store)
    {
        api.MapGet("/repos/{owner}/{repo}/actions/workflows/{workflow}/runs", (HttpContext context, string owner, string repo, string workflow) =>
        {
            // Like GitHub: ?status= is a status (queued, in_progress, completed) or a conclusion (success, failure, …).
            var status = context.Request.Query["status"].ToString();
            var all = store.RunsOf(workflow).Where(run => status.Length == 0 || run.Status == status || run.Conclusion == status).ToList();
            var page = Paging.Page(context, all);
            return Results.Json(new { total_count = all.Count, workflow_runs = page.Select(run => Render(context, owner, repo, run)) });
        }).Requires("actions", PermissionLevel.Read, "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow");

        api.MapGet("/repos/{owner}/{repo}/actions/runs/{runId:long}/jobs", (HttpContext context, string owner, string repo, long runId) =>
        {
            var all = store.JobsOf(runId);
            var page = Paging.Page(context, all);
            return Results.Json(new { total_count = all.Count, jobs = page.Select(job => Render(context, owner, repo, job)) });
        }).Requires("actions", PermissionLevel.Read, "https://docs.github.com/rest/actions/workflow-jobs#list-jobs-for-a-workflow-run");

        api.MapGet("/repos/{owner}/{repo}/check-runs/{checkRunId:long}/annotations", (HttpContext context, long checkRunId) =>
            Results.Json(Paging.Page(context, store.AnnotationsOf(checkRunId)).Select(annotation => new
            {
                path = ".github",
                start_line = 1,
                end_line = 1,
                annotation_level = annotation.Level,
                title = annotation.Title,
                message = annotation.Message,
                raw_details = (string?)null,
                blob_href = "",
            })))
            .Requires("checks", PermissionLevel.Read, "https://docs.github.com/rest/checks/runs#list-check-run-annotations");
    }

    private static object Render(HttpContext context, string owner, string repo, StubWorkflowRun run)
    {
        var api = ApiBase(context);
        return new
        {
            id = run.Id,
            name = "Docker build",
            node_id = $"WFR_{run.Id}",
            head_branch = run.HeadBranch,
            head_sha = run.HeadSha,
            path = $".github/workflows/{run.WorkflowFile}",
            display_title = $"Run {run.RunNumber}",
            run_number = run.RunNumber,
            @event = run.Event,
            status = run.Status,
            conclusion = run.Conclusion,
            workflow_id = 161335,
            check_suite_id = run.Id + 1000,
            url = $"{api}/repos/{owner}/{repo}/actions/runs/{run.Id}",
            html_url = $"https://github.com/{owner}/{repo}/actions/runs/{run.Id}",
            pull_requests = Array.Empty<object>(),
            created_at = run.CreatedAt,
            updated_at = run.UpdatedAt,
            run_attempt = 1,
            run_started_at = run.CreatedAt,
            jobs_url = $"{api}/repos/{owner}/{repo}/actions/runs/{run.Id}/jobs",
            logs_url = $"{api}/repos/{owner}/{repo}/actions/runs/{run.Id}/logs",
            workflow_url = $"{api}/repos/{owner}/{repo}/actions/workflows/161335",
        };
    }

    private static object Render(HttpContext context, string owner, string repo, StubJob job)
    {
        var api = ApiBase(context);
        return new
        {
            id = job.Id,
            run_id = job.RunId,
            run_url = $"{api}/repos/{owner}/{repo}/actions/runs/{job.RunId}",
            node_id = $"CR_{job.Id}",
            head_sha = "",
            url = $"{api}/repos/{owner}/{repo}/actions/jobs/{job.Id}",
            html_url = $"https://github.com/{owner}/{repo}/actions/runs/{job.RunId}/job/{job.Id}",
            status = job.Status,
            conclusion = job.Conclusion,
            created_at = job.StartedAt,
            started_at = job.StartedAt,
            completed_at = job.CompletedAt,
            name = job.Name,
            steps = Array.Empty<object>(),
            check_run_url = $"{api}/repos/{owner}/{repo}/check-runs/{job.Id}",
            labels = new[] { "ubuntu-24.04" },
            runner_id = 1,
            runner_name = "GitHub Actions 1",
            runner_group_id = 1,
            runner_group_name = "GitHub Actions",
        };
    }

    private static string ApiBase(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/api/v3";
}
