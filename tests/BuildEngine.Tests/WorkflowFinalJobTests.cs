namespace BuildEngine.Tests;

/// <summary>
/// Whether a job is the last of its run: no other generated job needs it. Work done when the build finishes (closing
/// a failure issue) may only conclude "the run is green" in such a job.
/// </summary>
public sealed class WorkflowFinalJobTests : BuildFixture
{
    [Test]
    public async Task Only_a_job_that_no_other_job_needs_is_final_and_an_unknown_job_counts_as_final()
    {
        var build = new FinalJobBuild();
        var result = await RunAsync(build, nameof(FinalJobBuild.Probe));
        Assert.That(result.ExitCode, Is.Zero, result.ToString);

        Assert.That(build.Answers, Is.EqualTo(new Dictionary<string, bool>
        {
            ["test"] = false,
            ["image"] = false,
            ["publish"] = true,
            ["hand-written"] = true,
        }));
    }
}

[GitHubActionsWorkflow("pipeline", OnPushBranches = ["main"])]
[GitHubActionsJob("pipeline", "test", nameof(Test))]
[GitHubActionsJob("pipeline", "image", nameof(Image), Platforms = ["linux/amd64", "linux/arm64"])]
[GitHubActionsJob("pipeline", "publish", nameof(Publish))]
internal sealed class FinalJobBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Dictionary<string, bool> Answers { get; } = [];

    [Parameter("Platform to build.")]
    public string? Platform { get; set; }

    public Target Test => _ => _.Executes(Record());

    public Target Image => _ => _.After(Test).Executes(Record());

    public Target Publish => _ => _.DependsOn(Image).Executes(Record());

    public Target Probe => _ => _.Executes(() =>
    {
        foreach (var job in new[] { "test", "image", "publish", "hand-written" })
        {
            Answers[job] = IsFinalWorkflowJob(job);
        }
    });
}
