using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// The github and runner contexts of a job, and the default variables GitHub's runner sets for every step
/// (GITHUB_*, RUNNER_*, CI), from the same values so that expressions and scripts see one truth.
/// </summary>
public static class RunnerContexts
{
    public static JsonObject GitHub(JobContext job, string eventPath)
    {
        var run = job.Run;
        var repository = run.Rehearsal.Repository;
        var request = run.Rehearsal.Request;
        var reference = repository.Ref;
        var refType = reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch";
        var workflowRef = $"{repository.FullName}/.github/workflows/{run.FileName}@{(request.IsPullRequest ? reference : request.Ref.Value)}";
        return new JsonObject
        {
            ["action"] = "__run",
            ["actor"] = EventPayload.Actor,
            ["triggering_actor"] = EventPayload.Actor,
            ["api_url"] = run.Rehearsal.GitHub.ApiUrl.ToString().TrimEnd('/'),
            ["server_url"] = run.Rehearsal.GitHub.ServerUrl.ToString().TrimEnd('/'),
            ["graphql_url"] = run.Rehearsal.GitHub.ApiUrl.ToString().TrimEnd('/') + "/graphql",
            ["event_name"] = request.EventName,
            ["event"] = run.Payload.DeepClone(),
            ["event_path"] = eventPath,
            ["ref"] = reference,
            ["ref_name"] = reference.StartsWith("refs/pull/", StringComparison.Ordinal) ? $"{RehearsalRepository.PullRequestNumber}/merge" : reference.Split('/', 3)[2],
            ["ref_type"] = refType,
            ["ref_protected"] = false,
            ["head_ref"] = request.IsPullRequest ? request.Ref.Name : "",
            ["base_ref"] = request.IsPullRequest ? repository.DefaultBranch : "",
            ["sha"] = repository.Sha,
            ["repository"] = repository.FullName,
            ["repository_owner"] = repository.Owner,
            ["repositoryUrl"] = $"git://{repository.FullName}.git",
            ["run_id"] = run.RunId,
            ["run_number"] = "1",
            ["run_attempt"] = "1",
            ["retention_days"] = "90",
            ["workflow"] = run.Name,
            ["workflow_ref"] = workflowRef,
            ["workflow_sha"] = repository.Sha,
            ["job"] = job.JobId,
            ["workspace"] = job.Paths.Workspace.Value,
            ["token"] = job.Token,
            ["secret_source"] = "Actions",
        };
    }

    public static JsonObject Runner(JobContext job, string arch) => new()
    {
        ["os"] = "Linux",
        ["arch"] = arch,
        ["name"] = job.Container.Name,
        ["environment"] = "github-hosted",
        ["temp"] = job.Paths.Temp.Value,
        ["tool_cache"] = "/opt/hostedtoolcache",
        ["debug"] = "",
    };

    /// <summary>The variables every step gets, as GitHub's runner sets them.</summary>
    public static Dictionary<string, string> DefaultVariables(JsonObject github, JsonObject runner, JobContext job) => new()
    {
        ["CI"] = "true",
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_ACTION"] = github["action"]!.ToString(),
        ["GITHUB_ACTOR"] = github["actor"]!.ToString(),
        ["GITHUB_TRIGGERING_ACTOR"] = github["triggering_actor"]!.ToString(),
        ["GITHUB_API_URL"] = github["api_url"]!.ToString(),
        ["GITHUB_GRAPHQL_URL"] = github["graphql_url"]!.ToString(),
        ["GITHUB_SERVER_URL"] = github["server_url"]!.ToString(),
        ["GITHUB_EVENT_NAME"] = github["event_name"]!.ToString(),
        ["GITHUB_EVENT_PATH"] = github["event_path"]!.ToString(),
        ["GITHUB_REF"] = github["ref"]!.ToString(),
        ["GITHUB_REF_NAME"] = github["ref_name"]!.ToString(),
        ["GITHUB_REF_TYPE"] = github["ref_type"]!.ToString(),
        ["GITHUB_REF_PROTECTED"] = "false",
        ["GITHUB_HEAD_REF"] = github["head_ref"]!.ToString(),
        ["GITHUB_BASE_REF"] = github["base_ref"]!.ToString(),
        ["GITHUB_SHA"] = github["sha"]!.ToString(),
        ["GITHUB_REPOSITORY"] = github["repository"]!.ToString(),
        ["GITHUB_REPOSITORY_OWNER"] = github["repository_owner"]!.ToString(),
        ["GITHUB_RUN_ID"] = github["run_id"]!.ToString(),
        ["GITHUB_RUN_NUMBER"] = github["run_number"]!.ToString(),
        ["GITHUB_RUN_ATTEMPT"] = github["run_attempt"]!.ToString(),
        ["GITHUB_RETENTION_DAYS"] = github["retention_days"]!.ToString(),
        ["GITHUB_WORKFLOW"] = github["workflow"]!.ToString(),
        ["GITHUB_WORKFLOW_REF"] = github["workflow_ref"]!.ToString(),
        ["GITHUB_WORKFLOW_SHA"] = github["workflow_sha"]!.ToString(),
        ["GITHUB_JOB"] = job.JobId,
        ["GITHUB_WORKSPACE"] = job.Paths.Workspace.Value,
        ["RUNNER_OS"] = runner["os"]!.ToString(),
        ["RUNNER_ARCH"] = runner["arch"]!.ToString(),
        ["RUNNER_NAME"] = runner["name"]!.ToString(),
        ["RUNNER_ENVIRONMENT"] = "github-hosted",
        ["RUNNER_TEMP"] = job.Paths.Temp.Value,
        ["RUNNER_TOOL_CACHE"] = "/opt/hostedtoolcache",
        ["TMPDIR"] = job.Paths.Tmp.Value,
        ["HOME"] = "/home/runner",
    };
}
