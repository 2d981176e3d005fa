namespace BuildEngine.Tests;

/// <summary>
/// The multi-arch pattern: matrix legs push by digest, and a merge job that is ordered After them (not dependent on
/// them) downloads what it Consumes from every leg, without running the legs' targets again.
/// </summary>
public sealed class WorkflowMergeJobTests : BuildFixture
{
    [Test]
    public async Task A_merge_ordered_after_a_matrix_downloads_what_it_consumes_from_every_leg()
    {
        var result = await RunAsync(new MergeBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var workflow = new WorkflowDocument(Repository.ReadFile(".github/workflows/release.yml"));

        var download = workflow.StepsUsing("merge", "actions/download-artifact").Single();
        var with = WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(download, "with"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.NeedsOf("merge"), Is.EqualTo(new[] { "legs" }));
            Assert.That(with["pattern"], Is.EqualTo("legs-PushByDigest-*"));
            Assert.That(with["merge-multiple"], Is.EqualTo("true"));
            Assert.That(with["path"], Is.EqualTo("artifacts/digests"));
            Assert.That(WorkflowDocument.ScalarOf(workflow.BuildStepOf("merge"), "run"), Is.EqualTo("./build.sh Merge"),
                "the legs' targets are not in the merge's plan, so nothing is rebuilt or skipped");
        }
    }
}

[GitHubActionsWorkflow("release", OnPushBranches = ["main"])]
[GitHubActionsJob("release", "legs", nameof(PushByDigest), Platforms = ["linux/amd64", "linux/arm64"])]
[GitHubActionsJob("release", "merge", nameof(Merge))]
internal sealed class MergeBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    [Parameter("Platform to build.")]
    public string? Platform { get; set; }

    public Target PushByDigest => _ => _
        .Produces(ArtifactsDirectory / "digests" / "*")
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());

    public Target Merge => _ => _
        .After(PushByDigest)
        .Consumes(PushByDigest, ArtifactsDirectory / "digests" / "*")
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());
}
