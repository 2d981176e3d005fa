namespace BuildEngine;

/// <summary>What one generated job does, derived from the target graph.</summary>
internal sealed record JobPlan(
    GitHubActionsJobAttribute Job,
    IReadOnlyList<ExecutableTarget> Invoked,
    IReadOnlyList<ExecutableTarget> Skipped,
    IReadOnlyList<ExecutableTarget> Runs,
    IReadOnlyList<JobPlan> Needs,
    IReadOnlyList<(JobPlan From, ExecutableTarget Target)> Downloads,
    IReadOnlySet<GitHubPermission> WritePermissions,
    IReadOnlySet<GitHubPermission> ReadPermissions)
{
    public string Id => Job.Id;

    /// <summary>The workflow's last job, for its <see cref="GitHubActionsWorkflowAttribute.FinalTarget"/>: it needs every other job and always runs.</summary>
    public bool IsFinal { get; init; }

    public bool IsMatrix => Job.Platforms.Length > 0;

    /// <summary>
    /// A job whose every invoked target publishes (writes packages, signs with the OIDC token, attests) never
    /// runs for pull requests: forks get no secrets and must not publish.
    /// </summary>
    public bool IsPublishing => Invoked.All(IsPublishingTarget);

    /// <summary>Whether a target this job runs publishes; such a job is told whether the run is a publishing one (<see cref="PublishingRun"/>).</summary>
    public bool RunsPublishingTarget => Runs.Any(IsPublishingTarget);

    /// <summary>The id of the step that runs the build, which its step outputs are read from (<c>steps.build.outputs.*</c>).</summary>
    public const string BuildStepId = "build";

    /// <summary>
    /// The job outputs: every step output the targets it runs declare, read from the build step. A matrix job exposes
    /// none: GitHub keeps one value per output name for all its legs (whichever leg wrote last), which would name one
    /// platform's image at random; what spans the legs (the merged index) comes from the job after them.
    /// </summary>
    public IReadOnlyList<(string Name, string Description)> Outputs =>
        IsMatrix ? [] : [.. Runs.SelectMany(target => target.GitHubActions().StepOutputs).DistinctBy(output => output.Name)];

    /// <summary>Artifact name of a target's produced files from this job (one per matrix leg).</summary>
    public string ArtifactName(ExecutableTarget target) => $"{Id}-{target.Name}" + (IsMatrix ? "-${{ matrix.slug }}" : "");

    /// <summary>Artifact name of the workflow's <see cref="GitHubActionsWorkflowAttribute.EveryJobUploads"/> from this job (one per matrix leg).</summary>
    public string BuildFilesArtifactName => $"{Id}-build" + (IsMatrix ? "-${{ matrix.slug }}" : "");

    /// <summary>The artefacts <see cref="BuildFilesArtifactName"/> names, as download-artifact's pattern: all legs of a matrix.</summary>
    public string BuildFilesArtifactPattern => $"{Id}-build" + (IsMatrix ? "-*" : "");

    private static bool IsPublishingTarget(ExecutableTarget target) => target.GitHubActions().WritePermissions.Overlaps(PublishingPermissions);

    private static readonly GitHubPermission[] PublishingPermissions = [GitHubPermission.Packages, GitHubPermission.IdToken, GitHubPermission.Attestations];
}
