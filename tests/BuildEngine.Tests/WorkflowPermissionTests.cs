namespace BuildEngine.Tests;

/// <summary>
/// Token scopes per job: what the job's targets write and read, plus what the workflow grants every job for work
/// around the targets (a failure notification when the build finishes). Nothing else: a job's permissions block
/// removes every scope it does not name.
/// </summary>
public sealed class WorkflowPermissionTests : BuildFixture
{
    [Test]
    public async Task A_job_gets_its_targets_scopes_and_the_workflow_wide_ones_reads_never_weaken_writes()
    {
        var result = await RunAsync(new PermissionBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var workflow = new WorkflowDocument(Repository.ReadFile(".github/workflows/ops.yml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(PermissionsOf(workflow, "report"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["actions"] = "read",
                ["issues"] = "write",
            }));
            Assert.That(PermissionsOf(workflow, "triage"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["issues"] = "write",
                ["actions"] = "write",
            }), "a target that writes actions is not downgraded by the workflow-wide read");
        }
    }

    private static IReadOnlyDictionary<string, string> PermissionsOf(WorkflowDocument workflow, string job) =>
        WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(workflow.Job(job), "permissions"));
}

[GitHubActionsWorkflow("ops", OnWorkflowDispatch = true, EveryJobWrites = [GitHubPermission.Issues], EveryJobReads = [GitHubPermission.Actions])]
[GitHubActionsJob("ops", "report", nameof(Report))]
[GitHubActionsJob("ops", "triage", nameof(Triage))]
internal sealed class PermissionBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Report => _ => _
        .ReadPermissions(GitHubPermission.Actions)
        .Executes(Record());

    public Target Triage => _ => _
        .WritePermissions(GitHubPermission.Actions)
        .Executes(Record());
}
