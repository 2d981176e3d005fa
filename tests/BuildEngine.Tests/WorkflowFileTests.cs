using Tooling;

namespace BuildEngine.Tests;

/// <summary>
/// Files are named by path objects the build declares once: Produces/Consumes take paths below the root, and a
/// workflow's EveryJobUploads and FinalJobDownloads name the build's AbsolutePath members; both reach the YAML
/// relative to the root, and a name the engine cannot use fails with the fix.
/// </summary>
public sealed class WorkflowFileTests : BuildFixture
{
    [Test]
    public async Task A_file_outside_the_root_is_refused_naming_the_target()
    {
        var result = await RunAsync(new OutsideRootBuild(), "--help");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain("Target 'Package' names ").And.Contain(", outside the root ").And.Contain("name files below it"));
    }

    [Test]
    public async Task An_upload_that_names_no_path_member_is_refused_with_the_fix()
    {
        var result = await RunAsync(new UnknownUploadBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Workflow 'uploads' names 'Package' in EveryJobUploads, which is no AbsolutePath member of the build: " +
            "declare it (AbsolutePath Package => ArtifactsDirectory / \"file\") and name it with nameof(Package)."));
    }

    [Test]
    public async Task A_final_job_without_a_folder_for_the_uploads_is_refused_with_the_fix()
    {
        var result = await RunAsync(new FinalWithoutDownloadsBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Workflow 'final' has a final target and EveryJobUploads: say where its job puts them with FinalJobDownloads = nameof(<an AbsolutePath member>)."));
    }
}

internal sealed class OutsideRootBuild : TestBuild
{
    public Target Package => _ => _.Produces(RootDirectory.Parent / "package.zip").Executes(Record());
}

// Package is a target, not a path: what a slip of nameof would name.
[GitHubActionsWorkflow("uploads", OnPushBranches = ["main"], EveryJobUploads = [nameof(Package)])]
[GitHubActionsJob("uploads", "package", nameof(Package))]
internal sealed class UnknownUploadBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Package => _ => _.Executes(Record());
}

[GitHubActionsWorkflow("final", OnPushBranches = ["main"], EveryJobUploads = [nameof(BuildMetricsFile)], FinalTarget = nameof(Report))]
[GitHubActionsJob("final", "test", nameof(Test))]
internal sealed class FinalWithoutDownloadsBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    [Parameter("The other jobs' results.")]
    public string? Needs { get; set; }

    public Target Test => _ => _.Executes(Record());

    public Target Report => _ => _.Executes(Record());
}
