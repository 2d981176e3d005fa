namespace BuildEngine.Tests;

/// <summary>
/// A build with a three-job workflow, as a delivery pipeline has: <c>test</c>; <c>image</c>, a matrix over
/// linux/amd64 and linux/arm64 whose DockerBuild produces one digest file per platform; <c>publish</c>, which pushes
/// and signs (packages + id-token) from the digests the image job handed on.
/// </summary>
[GitHubActionsWorkflow(WorkflowName,
    DisplayName = "Continuous integration",
    OnPushBranches = ["main"],
    OnPushTags = ["v*"],
    OnPullRequestBranches = ["main"],
    WorkflowDispatchInputs = [nameof(Channel)],
    ImportSecrets = [nameof(SigningKey)],
    EnableGitHubToken = true,
    FetchDepth = 0,
    TimeoutMinutes = 20)]
[GitHubActionsJob(WorkflowName, "test", nameof(Test), DisplayName = "Test")]
[GitHubActionsJob(WorkflowName, "image", nameof(DockerBuild), DisplayName = "Image (${{ matrix.platform }})",
    Platforms = ["linux/amd64", "linux/arm64"])]
[GitHubActionsJob(WorkflowName, "publish", nameof(Push), nameof(Sign), Arguments = ["--configuration", "Release"])]
public sealed class WorkflowBuild : TestBuild
{
    public const string WorkflowName = "ci";

    public const string WorkflowPath = ".github/workflows/ci.yml";

    /// <summary>The catalog the workflow is generated with; tests change it to provoke definition errors.</summary>
    public GitHubActionsCatalog Catalog { get; init; } = DefaultCatalog();

    protected internal override GitHubActionsCatalog WorkflowCatalog => Catalog;

    [Parameter("Release channel of the published image.")]
    public string? Channel { get; set; }

    [Parameter("Key that signs the image."), Secret]
    public string? SigningKey { get; set; }

    [Parameter("Configuration to build.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Platform to build, e.g. linux/arm64.")]
    public string? Platform { get; set; }

    public Target Restore => _ => _.Executes(Record());

    public Target Compile => _ => _
        .DependsOn(Restore)
        .Executes(Record());

    public Target Test => _ => _
        .DependsOn(Compile)
        .Produces(ArtifactsDirectory / "test-results" / "*.trx")
        .Executes(Record());

    public Target DockerBuild => _ => _
        .DependsOn(Compile)
        .After(Test)
        .UsesTools("docker-buildx")
        .Produces(ArtifactsDirectory / "digests" / "*")
        .Executes(Record());

    public Target Push => _ => _
        .DependsOn(DockerBuild)
        .Consumes(DockerBuild, ArtifactsDirectory / "digests" / "*")
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());

    public Target Sign => _ => _
        .DependsOn(Push)
        .Requires(() => SigningKey)
        .WritePermissions(GitHubPermission.Packages, GitHubPermission.IdToken)
        .UsesTools("cosign")
        .Executes(Record());

    public static GitHubActionsCatalog DefaultCatalog() => new GitHubActionsCatalog()
        .Pin("actions/checkout", new string('1', 40), "v7.0.1")
        .Pin("actions/setup-dotnet", new string('2', 40), "v6.0.0")
        .Pin("actions/cache", new string('3', 40), "v5.0.5")
        .Pin("actions/upload-artifact", new string('4', 40), "v7.0.0")
        .Pin("actions/download-artifact", new string('5', 40), "v8.0.1")
        .Pin("docker/setup-buildx-action", new string('6', 40), "v4.3.0")
        .Pin("sigstore/cosign-installer", new string('7', 40), "v4.1.2")
        .Setup("docker-buildx", new ToolSetupStep("Set up Docker Buildx", "docker/setup-buildx-action"))
        .Setup("cosign", new ToolSetupStep("Install cosign", "sigstore/cosign-installer",
            new Dictionary<string, string> { ["cosign-release"] = "v3.0.2" }))
        .Runner("linux/amd64", "ubuntu-24.04")
        .Runner("linux/arm64", "ubuntu-24.04-arm");
}
