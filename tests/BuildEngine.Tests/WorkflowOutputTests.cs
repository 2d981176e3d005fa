namespace BuildEngine.Tests;

/// <summary>
/// Step outputs a target declares (<c>.Output(name, description)</c>): the build step's id, the job outputs read from
/// it (none for a matrix job, whose legs would overwrite each other), and a callable workflow (workflow_call) that
/// returns them with its inputs and secrets.
/// </summary>
public sealed class WorkflowOutputTests : BuildFixture
{
    private const string WorkflowPath = ".github/workflows/release.yml";

    [Test]
    public async Task The_callable_workflow_matches_the_snapshot()
    {
        await GenerateAsync(new CallableBuild());

        Snapshot.Match(Repository.ReadFile(WorkflowPath), "CallableWorkflow");
    }

    [Test]
    public async Task Every_build_step_has_the_id_its_outputs_are_read_from()
    {
        var workflow = await GenerateAsync(new CallableBuild());

        Assert.That(workflow.JobIds.Select(job => WorkflowDocument.ScalarOf(workflow.BuildStepOf(job), "id")), Is.All.EqualTo("build"));
    }

    [Test]
    public async Task A_job_exposes_the_outputs_its_targets_declare_and_a_matrix_job_none()
    {
        var workflow = await GenerateAsync(new CallableBuild());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(workflow.Job("merge"), "outputs")), Is.EqualTo(new Dictionary<string, string>
            {
                ["digest"] = "${{ steps.build.outputs.digest }}",
                ["version"] = "${{ steps.build.outputs.version }}",
            }));
            Assert.That(WorkflowDocument.MappingOf(workflow.Job("legs"), "outputs"), Is.Null, "the last leg would win: one platform's digest at random");
            Assert.That(WorkflowDocument.MappingOf(workflow.Job("test"), "outputs"), Is.Null);
        }
    }

    [Test]
    public async Task A_callable_workflow_returns_the_job_outputs_and_takes_the_inputs_and_secrets()
    {
        var workflow = await GenerateAsync(new CallableBuild());

        var call = WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(workflow.Root, "on")!, "workflow_call")!;
        var outputs = WorkflowDocument.MappingOf(call, "outputs")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(outputs, "digest")!, "value"), Is.EqualTo("${{ jobs.merge.outputs.digest }}"));
            Assert.That(WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(outputs, "version")!, "value"), Is.EqualTo("${{ jobs.merge.outputs.version }}"));
            Assert.That(WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(outputs, "digest")!, "description"), Is.EqualTo("Digest of the index."));
            Assert.That(WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(call, "secrets")!, "SIGNING_KEY")),
                Does.ContainKey("required").WithValue("false"));
            Assert.That(WorkflowDocument.MappingOf(WorkflowDocument.MappingOf(call, "inputs")!, "channel"), Is.Not.Null);
            // github.workflow is the caller's name in a called workflow: keyed by it, caller and call would share a group.
            Assert.That(WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(workflow.Root, "concurrency")!, "group"),
                Is.EqualTo("release-${{ github.event.pull_request.number || github.ref }}"));
        }
    }

    [Test]
    public async Task A_workflow_not_callable_has_no_workflow_call_and_keeps_its_concurrency_group()
    {
        var workflow = await GenerateAsync(new WorkflowBuild(), WorkflowBuild.WorkflowPath);

        Assert.That(workflow.Triggers, Does.Not.Contain("workflow_call"));
        Assert.That(WorkflowDocument.ScalarOf(WorkflowDocument.MappingOf(workflow.Root, "concurrency")!, "group"),
            Is.EqualTo("${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}"));
    }

    [Test]
    public async Task Two_jobs_of_a_callable_workflow_with_the_same_output_fail_naming_both()
    {
        var result = await RunAsync(new ClashingOutputsBuild(), "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(
            "Workflow 'clash' is callable (OnWorkflowCall), and jobs 'first' and 'second' both output 'digest': a called workflow returns one value per name."));
    }

    [TestCase("1digest")]
    [TestCase("image digest")]
    [TestCase("digest.value")]
    public void An_output_name_GitHub_would_refuse_fails_with_the_rule(string name) =>
        Assert.That(() => new TargetDefinition(new CallableBuild(), "Push").Output(name, "What it is."),
            Throws.TypeOf<BuildDefinitionException>().With.Message.EqualTo(
                $"Target 'Push' declares the output '{name}': name it with letters, digits, '-' and '_', starting with a letter or '_'."));

    private async Task<WorkflowDocument> GenerateAsync(TestBuild build, string path = WorkflowPath)
    {
        var result = await RunAsync(build, "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        return new WorkflowDocument(Repository.ReadFile(path));
    }
}

[GitHubActionsWorkflow("release", OnPushTags = ["v*"], OnWorkflowCall = true, WorkflowDispatchInputs = [nameof(Channel)], ImportSecrets = [nameof(SigningKey)])]
[GitHubActionsJob("release", "test", nameof(Test))]
[GitHubActionsJob("release", "legs", nameof(PushByDigest), Platforms = ["linux/amd64", "linux/arm64"])]
[GitHubActionsJob("release", "merge", nameof(Merge))]
internal sealed class CallableBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    [Parameter("Platform to build.")]
    public string? Platform { get; set; }

    [Parameter("Release channel.")]
    public string? Channel { get; set; }

    [Parameter("Key that signs the index."), Secret]
    public string? SigningKey { get; set; }

    public Target Test => _ => _.Executes(Record());

    public Target PushByDigest => _ => _
        .After(Test)
        .Produces(ArtifactsDirectory / "digests" / "*")
        .WritePermissions(GitHubPermission.Packages)
        .Output("platform-digest", "Digest of one platform's image.")
        .Executes(Record());

    public Target Merge => _ => _
        .After(PushByDigest)
        .Consumes(PushByDigest, ArtifactsDirectory / "digests" / "*")
        .Requires(() => SigningKey)
        .WritePermissions(GitHubPermission.Packages)
        .Output("digest", "Digest of the index.")
        .Output("version", "Version it was tagged with.")
        .Executes(Record());
}

[GitHubActionsWorkflow("clash", OnPushBranches = ["main"], OnWorkflowCall = true)]
[GitHubActionsJob("clash", "first", nameof(First))]
[GitHubActionsJob("clash", "second", nameof(Second))]
internal sealed class ClashingOutputsBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target First => _ => _.Output("digest", "One digest.").Executes(Record());

    public Target Second => _ => _.After(First).Output("digest", "Another digest.").Executes(Record());
}
