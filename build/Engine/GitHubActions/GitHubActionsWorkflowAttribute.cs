using Tooling;

namespace BuildEngine;

/// <summary>
/// Declares a GitHub Actions workflow generated from the build (.github/workflows/&lt;name&gt;.yml), as NUKE's
/// [GitHubActions] does. Its jobs are declared with <see cref="GitHubActionsJobAttribute"/>; what each job runs,
/// what it needs, skips, hands on and is permitted follows from the target graph.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsWorkflowAttribute(string name) : Attribute
{
    /// <summary>The file name (without .yml) and the id jobs refer to.</summary>
    public string Name { get; } = name;

    /// <summary>The workflow's display name; defaults to <see cref="Name"/>.</summary>
    public string? DisplayName { get; set; }

    public string[] OnPushBranches { get; set; } = [];
    public string[] OnPushTags { get; set; } = [];
    public string[] OnPullRequestBranches { get; set; } = [];
    public bool OnWorkflowDispatch { get; set; }

    /// <summary>
    /// Callable as a reusable workflow (<c>on: workflow_call</c>) from another workflow's job (<c>uses:</c>). It returns
    /// the job outputs of its jobs (the step outputs their targets declare with <c>.Output(...)</c>), takes the
    /// <see cref="WorkflowDispatchInputs"/> as inputs and <see cref="ImportSecrets"/> as optional secrets; the caller's
    /// job grants its token scopes. Its concurrency group is keyed by <see cref="Name"/>, not github.workflow (which is
    /// the caller's name there, so the two would share one group and GitHub cancels the call as a deadlock).
    /// </summary>
    public bool OnWorkflowCall { get; set; }

    /// <summary>Cron expressions (UTC) for scheduled runs.</summary>
    public string[] OnSchedule { get; set; } = [];

    /// <summary>Parameters offered as workflow_dispatch inputs and passed to every job.</summary>
    public string[] WorkflowDispatchInputs { get; set; } = [];

    /// <summary>
    /// Secret parameters, from repository secrets of the same UPPER_SNAKE name, given only to the jobs that run a target
    /// reading them (declared with <c>.Requires(() =&gt; Secret)</c>).
    /// </summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>
    /// Files every job uploads, whatever it ran and however it ended (e.g. the build's own metrics), as the artefact
    /// <c>&lt;job&gt;-build</c> (<c>&lt;job&gt;-build-&lt;platform slug&gt;</c> per matrix leg). Each is the name of an
    /// <see cref="AbsolutePath"/> member of the build (<c>nameof(BuildMetricsFile)</c>), written relative to the root.
    /// </summary>
    public string[] EveryJobUploads { get; set; } = [];

    /// <summary>
    /// A target that reports on the whole run, whatever became of it (a failure notification). The generator adds a
    /// last job for it, named after it in kebab case (Notify: <c>notify</c>), that needs every other job and runs
    /// <c>if: always()</c>: after a failure, a cancelled leg or a skipped job too, even when the failure happened
    /// outside the build (a tool set-up, an upload). It downloads every job's <see cref="EveryJobUploads"/> into
    /// <see cref="FinalJobDownloads"/>/&lt;artefact&gt;/ and gets the jobs' results (GitHub's <c>needs</c> context as
    /// JSON) in <see cref="FinalTargetNeedsParameter"/>. Its token scopes are its target's own.
    /// </summary>
    public string? FinalTarget { get; set; }

    /// <summary>The parameter the final job passes <c>${{ toJSON(needs) }}</c> to (through its environment variable).</summary>
    public string FinalTargetNeedsParameter { get; set; } = "Needs";

    /// <summary>
    /// Where the final job puts every job's <see cref="EveryJobUploads"/>, one folder per artefact below it: the name
    /// of an <see cref="AbsolutePath"/> member of the build (<c>nameof(JobMetricsDirectory)</c>), which its final
    /// target reads. Needed with <see cref="FinalTarget"/> and <see cref="EveryJobUploads"/>.
    /// </summary>
    public string? FinalJobDownloads { get; set; }

    /// <summary>Passes the job's GITHUB_TOKEN to the build (GITHUB_TOKEN environment variable).</summary>
    public bool EnableGitHubToken { get; set; }

    /// <summary>History to check out: 0 for all of it (versioning needs it), 1 for the commit only.</summary>
    public int FetchDepth { get; set; } = 1;

    public int TimeoutMinutes { get; set; } = 30;

    /// <summary>A newer run of the same pull request cancels the older one; runs on branches and tags are never cancelled.</summary>
    public bool CancelSupersededPullRequestRuns { get; set; } = true;

    /// <summary>Files whose hash keys the NuGet cache.</summary>
    public string[] CacheKeyFiles { get; set; } = ["**/packages.lock.json", "global.json"];
}
