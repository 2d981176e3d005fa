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
    /// Scopes every job writes with besides its targets' own: for what the build does around its targets on CI
    /// (e.g. opening a failure issue when the build finishes). Kept out of targets so --help stays about targets.
    /// </summary>
    public GitHubPermission[] EveryJobWrites { get; set; } = [];

    /// <summary>Scopes every job reads besides <c>contents</c> (e.g. actions, to see the run's other jobs).</summary>
    public GitHubPermission[] EveryJobReads { get; set; } = [];

    /// <summary>
    /// Files every job uploads, whatever it ran and however it ended (e.g. the build's own metrics), as the artefact
    /// <c>&lt;job&gt;-build</c> (per matrix leg).
    /// </summary>
    public string[] EveryJobUploads { get; set; } = [];

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
