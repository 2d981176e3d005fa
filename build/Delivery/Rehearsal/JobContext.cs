using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// One running job (one matrix leg): its container and folders, its token and granted scopes, the variables and
/// PATH entries its steps added, the steps' results so far, and the post steps to run when it ends.
/// </summary>
public sealed class JobContext(WorkflowRun run, string jobId, RunnerContainer container, JobPaths paths, SortedDictionary<string, string> permissions, string token)
{
    public WorkflowRun Run { get; } = run;

    public string JobId { get; } = jobId;

    public RunnerContainer Container { get; } = container;

    public JobPaths Paths { get; } = paths;

    public SortedDictionary<string, string> Permissions { get; } = permissions;

    public string Token { get; } = token;

    /// <summary>Set by GITHUB_ENV (and by action equivalents, as their actions export variables).</summary>
    public Dictionary<string, string> ExportedEnvironment { get; } = [];

    /// <summary>GITHUB_PATH entries, newest first.</summary>
    public List<string> PathAdditions { get; } = [];

    public JsonObject Steps { get; } = [];

    public JobStatus Status { get; set; } = JobStatus.Success;

    /// <summary>Post steps (actions/cache's save), run in reverse order after the job's steps.</summary>
    public List<(string Name, Func<JobStatus, Task<ActionOutcome>> Run)> PostSteps { get; } = [];

    /// <summary>Every cache the job restored or saved, and any cache token it exported (actions/cache, the buildx cache token).</summary>
    public List<string> Caches { get; } = [];

    /// <summary>What the runner itself substitutes for this job (the runner label, keyless signing, …).</summary>
    public List<string> StandIns { get; } = [];

    public RehearsalTools Tools => Run.Rehearsal.Tools;

    public bool Allows(string scope, string level) => JobPermissions.Allows(Permissions, scope, level);

    /// <summary>/home/runner for ~, the workspace for relative paths: where an action's path input points.</summary>
    public string ResolvePath(string path) =>
        path.StartsWith('~') ? "/home/runner" + path[1..]
        : Path.IsPathRooted(path) ? path
        : Path.GetFullPath(Path.Combine(Paths.Workspace, path));

    /// <summary>A shell script in the container as the runner user (for action equivalents' own work).</summary>
    public Task<ToolResult> ShellAsync(string script, IReadOnlyDictionary<string, string>? environment = null, bool logOutput = false) =>
        Container.ExecAsync(["bash", "-eo", "pipefail", "-c", script], environment ?? new Dictionary<string, string>(), Paths.Workspace, logOutput);

    public void AddPath(string directory) => PathAdditions.Insert(0, directory);

    /// <summary>
    /// What the host wrote into the workspace (downloaded artifacts) belongs to the runner user afterwards, as if the
    /// action had written it: later steps create files next to it.
    /// </summary>
    public Task GiveToRunnerAsync(string path) =>
        Container.ExecAsync(["chown", "-R", $"{RunnerContainer.RunnerUser}:{RunnerContainer.RunnerUser}", path], new Dictionary<string, string>(), "/",
            logOutput: false, user: "root");
}
