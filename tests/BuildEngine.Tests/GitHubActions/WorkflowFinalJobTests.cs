using Tooling;

namespace BuildEngine.Tests;

/// <summary>
/// A workflow's final target (a failure notification) gets the last job: after every other job whatever became of
/// them, with their results and the files every job uploaded, the scopes and secrets of its own target only.
/// </summary>
public sealed class WorkflowFinalJobTests : BuildFixture
{
    private const string WorkflowPath = ".github/workflows/pipeline.yml";

    [Test]
    public async Task The_workflow_with_a_final_job_matches_the_snapshot()
    {
        await GenerateAsync();

        Snapshot.Match(Repository.ReadFile(WorkflowPath), "FinalJobWorkflow");
    }

    [Test]
    public async Task The_final_job_needs_every_other_job_and_runs_whatever_became_of_them()
    {
        var workflow = await GenerateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.JobIds, Is.EqualTo(new[] { "test", "image", "publish", "report" }), "last");
            Assert.That(workflow.NeedsOf("report"), Is.EqualTo(new[] { "test", "image", "publish" }), "its target depends on none of them; it needs them all");
            Assert.That(WorkflowDocument.ScalarOf(workflow.Job("report"), "if"), Is.EqualTo("always()"), "also after a failure, a cancellation or a skip");
            Assert.That(WorkflowDocument.ScalarOf(workflow.Job("report"), "name"), Is.EqualTo("Report"));
            Assert.That(WorkflowDocument.ScalarOf(workflow.BuildStepOf("report"), "run"), Is.EqualTo("./build.sh Report"));
        }
    }

    [Test]
    public async Task The_final_job_gets_the_jobs_results_through_env_and_its_target_s_secret_which_no_other_job_gets()
    {
        var workflow = await GenerateAsync();

        var env = workflow.BuildEnvOf("report");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(env["JOB_RESULTS"], Is.EqualTo("${{ toJSON(needs) }}"));
            Assert.That(env["WEBHOOK_URL"], Is.EqualTo("${{ secrets.WEBHOOK_URL }}"), "an optional parameter the target uses");
            Assert.That(new[] { "test", "image", "publish" }.Select(job => workflow.BuildEnvOf(job).ContainsKey("WEBHOOK_URL")), Is.All.False);
            Assert.That(workflow.RunsWithEventText(), Is.Empty);
        }
    }

    [Test]
    public async Task The_final_job_has_its_target_s_scopes_and_the_others_none_of_them()
    {
        var workflow = await GenerateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.PermissionsOf("report"), Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read", ["issues"] = "write" }));
            Assert.That(new[] { "test", "image", "publish" }.Select(job => workflow.PermissionsOf(job).ContainsKey("issues")), Is.All.False);
        }
    }

    [Test]
    public async Task The_final_job_downloads_each_job_s_own_files_by_pattern_into_a_folder_per_artefact()
    {
        var workflow = await GenerateAsync();

        var downloads = workflow.StepsUsing("report", "actions/download-artifact");
        var buildStep = workflow.StepsOf("report").ToList().IndexOf(workflow.BuildStepOf("report"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(downloads.Select(step => WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(step, "with"))), Is.EqualTo(new[]
            {
                new Dictionary<string, string> { ["pattern"] = "test-build", ["path"] = "artifacts/jobs" },
                new Dictionary<string, string> { ["pattern"] = "image-build-*", ["path"] = "artifacts/jobs" },
                new Dictionary<string, string> { ["pattern"] = "publish-build", ["path"] = "artifacts/jobs" },
            }), "no merge-multiple: every artefact in a folder of its name, so the jobs' build-metrics.json stay apart");
            Assert.That(downloads.Select(step => WorkflowDocument.ScalarOf(step, "continue-on-error")), Is.All.EqualTo("true"), "a lost download costs detail, not the report");
            Assert.That(downloads.Select(step => workflow.StepsOf("report").ToList().IndexOf(step)), Is.All.LessThan(buildStep));
            Assert.That(workflow.StepsUsing("image", "actions/upload-artifact").Select(step => WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(step, "with"))["name"]),
                Does.Contain("image-build-${{ matrix.slug }}"), "what the pattern finds");
        }
    }

    [Test]
    public async Task A_final_target_that_a_job_also_invokes_is_refused_naming_the_job()
    {
        var result = await RunAsync(new DoubleFinalBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Workflow 'double' has the final target Report, which gets a job 'report' of its own; job 'build' takes that name or invokes it too. Remove it from that job."));
    }

    private async Task<WorkflowDocument> GenerateAsync()
    {
        var result = await RunAsync(new FinalJobBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        return new WorkflowDocument(Repository.ReadFile(WorkflowPath));
    }


}

// No pull_request trigger: a pull request must not run the report, which writes issues (PullRequestScopeTests).
[GitHubActionsWorkflow("pipeline", OnPushBranches = ["main"], EnableGitHubToken = true,
    EveryJobUploads = [nameof(BuildMetricsFile)], FinalTarget = nameof(Report), FinalTargetNeedsParameter = nameof(JobResults),
    FinalJobDownloads = nameof(JobFilesDirectory),
    ImportSecrets = [nameof(WebhookUrl)])]
[GitHubActionsJob("pipeline", "test", nameof(Test))]
[GitHubActionsJob("pipeline", "image", nameof(Image), Platforms = ["linux/amd64", "linux/arm64"])]
[GitHubActionsJob("pipeline", "publish", nameof(Publish))]
internal sealed class FinalJobBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    [Parameter("Platform to build.")]
    public string? Platform { get; set; }

    [Parameter("The other jobs' results.")]
    public string? JobResults { get; set; }

    [Parameter("Where to post the report."), Secret]
    public string? WebhookUrl { get; set; }

    private AbsolutePath JobFilesDirectory => ArtifactsDirectory / "jobs";

    public Target Test => _ => _.Executes(Record());

    public Target Image => _ => _.After(Test).Executes(Record());

    public Target Publish => _ => _.DependsOn(Image).WritePermissions(GitHubPermission.Packages).Executes(Record());

    public Target Report => _ => _
        .Requires(() => JobResults)
        .UsesParameter(() => WebhookUrl)
        .WritePermissions(GitHubPermission.Issues)
        .Executes(Record());
}

[GitHubActionsWorkflow("double", FinalTarget = nameof(Report))]
[GitHubActionsJob("double", "build", nameof(Report))]
internal sealed class DoubleFinalBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Report => _ => _.Executes(Record());
}
