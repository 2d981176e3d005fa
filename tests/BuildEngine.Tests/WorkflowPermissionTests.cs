namespace BuildEngine.Tests;

/// <summary>
/// Token scopes per job: what the targets it runs write and read, and nothing else: a job's permissions block removes
/// every scope it does not name, and a job whose targets declare none gets no block (the workflow's contents: read).
/// </summary>
public sealed class WorkflowPermissionTests : BuildFixture
{
    [Test]
    public async Task A_job_gets_the_scopes_of_the_targets_it_runs_and_a_read_never_weakens_a_write()
    {
        var result = await RunAsync(new PermissionBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var workflow = new WorkflowDocument(Repository.ReadFile(".github/workflows/ops.yml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.PermissionsOf("report"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["actions"] = "read",
            }));
            Assert.That(workflow.PermissionsOf("triage"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["actions"] = "write",
            }), "a target that reads and writes actions gets the write");
            Assert.That(WorkflowDocument.MappingOf(workflow.Job("idle"), "permissions"), Is.Null);
        }
    }

    [Test]
    public async Task A_publishing_job_runs_for_pushes_in_a_code_triggered_workflow_else_on_schedule_or_the_default_branch()
    {
        var result = await RunAsync(new PermissionBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var scheduled = new WorkflowDocument(Repository.ReadFile(".github/workflows/ops.yml"));
        var pushed = new WorkflowDocument(Repository.ReadFile(".github/workflows/release.yml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(WorkflowDocument.ScalarOf(scheduled.Job("prune"), "if"),
                Is.EqualTo("github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)"),
                "a guard for pushes would stop it from ever running; a dispatch from another branch must not publish");
            Assert.That(WorkflowDocument.ScalarOf(pushed.Job("prune"), "if"), Does.StartWith("github.event_name == 'push'"));
        }
    }

}

[GitHubActionsWorkflow("ops", OnWorkflowDispatch = true)]
[GitHubActionsJob("ops", "report", nameof(Report))]
[GitHubActionsJob("ops", "triage", nameof(Triage))]
[GitHubActionsJob("ops", "prune", nameof(Prune))]
[GitHubActionsJob("ops", "idle", nameof(Idle))]
[GitHubActionsWorkflow("release", OnPushBranches = ["main"], OnPullRequestBranches = ["main"], EveryJobUploads = [nameof(BuildMetricsFile)])]
[GitHubActionsJob("release", "prune", nameof(Prune))]
internal sealed class PermissionBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Report => _ => _
        .ReadPermissions(GitHubPermission.Actions)
        .Executes(Record());

    public Target Triage => _ => _
        .ReadPermissions(GitHubPermission.Actions)
        .WritePermissions(GitHubPermission.Actions)
        .Executes(Record());

    public Target Idle => _ => _.Executes(Record());

    public Target Prune => _ => _
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());
}
