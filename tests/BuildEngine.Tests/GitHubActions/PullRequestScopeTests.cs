namespace BuildEngine.Tests;

/// <summary>
/// No job a pull request runs holds a write scope but security-events: the engine refuses to generate one (naming the
/// job, the scope and the target), and <see cref="WorkflowDocument.PullRequestWrites"/>, the rule the build's tests
/// apply to every committed workflow, finds one in a workflow written by hand.
/// </summary>
public sealed class PullRequestScopeTests : BuildFixture
{
    private static IEnumerable<TestCaseData> WritingJobs()
    {
        yield return new TestCaseData(new PullRequestPushBuild(),
                "Workflow 'checks' runs on pull_request, and its job 'build' would hold packages: write (for PushDigest): " +
                "a pull request's code may write nothing but security-events.")
            .SetName("A job of a pull request workflow that would push is refused, naming the job, the scope and the target");
        yield return new TestCaseData(new PullRequestNotifyBuild(), "its job 'notify' would hold issues: write (for Notify)")
            .SetName("A final job that writes issues is refused in a pull request workflow");
    }

    [TestCaseSource(nameof(WritingJobs))]
    public async Task A_job_a_pull_request_runs_that_would_write_is_refused(TestBuild build, string message)
    {
        var result = await RunAsync(build, "--generate-workflows");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Output, Does.Contain(message));
        Assert.That(Repository.FileExists(".github/workflows/checks.yml"), Is.False, "no workflow is written");
    }

    [Test]
    public async Task Security_events_and_reads_are_allowed_and_a_publishing_job_only_runs_for_pushes()
    {
        var result = await RunAsync(new PullRequestScanBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var workflow = new WorkflowDocument(Repository.ReadFile(".github/workflows/scan.yml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.PermissionsOf("scan"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["packages"] = "read",
                ["security-events"] = "write",
            }));
            Assert.That(workflow.PermissionsOf("publish")["packages"], Is.EqualTo("write"));
            Assert.That(workflow.PullRequestWrites(), Is.Empty, "publish's if: requires a push");
        }
    }

    [Test]
    public void The_rule_finds_a_job_with_packages_write_in_a_pull_request_workflow() =>
        Assert.That(new WorkflowDocument(Workflow("pull_request", """
              image:
                runs-on: ubuntu-24.04
                permissions:
                  contents: read
                  packages: write
                  security-events: write
                steps: [{ run: echo }]
            """)).PullRequestWrites(), Is.EqualTo(new[] { "image: packages: write" }));

    [TestCase("permissions: write-all", "write-all")]
    [TestCase("permissions:\n  contents: write", "contents: write")]
    [TestCase("permissions:\n  id-token: write", "id-token: write")]
    [TestCase("", "the repository's default token (no permissions:), possibly write-all")]
    public void A_job_without_permissions_has_the_workflow_s_and_without_those_the_repository_default(string workflowPermissions, string expected)
    {
        var text = Workflow("pull_request_target", """
              test:
                runs-on: ubuntu-24.04
                steps: [{ run: echo }]
            """).Replace("permissions:\n  contents: read\n", workflowPermissions + "\n", StringComparison.Ordinal);

        Assert.That(new WorkflowDocument(text).PullRequestWrites(), Is.EqualTo(new[] { $"test: {expected}" }));
    }

    [TestCase("github.event_name == 'push' && (github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/'))", true)]
    [TestCase("always() && (github.event_name == 'push' && github.ref == 'refs/heads/main')", true)]
    [TestCase("${{ github.event_name == 'schedule' }}", true)]
    [TestCase("always()", false)]
    [TestCase("github.event_name == 'push' || github.ref == 'refs/heads/main'", false)]
    [TestCase("github.event_name == 'pull_request_target' && always()", false)]
    [TestCase("(github.event_name == 'push') || (github.event_name == 'pull_request')", false)]
    public void Only_a_condition_that_requires_another_event_keeps_a_job_from_pull_requests(string condition, bool excluded) =>
        Assert.That(WorkflowDocument.RequiresOtherEvent(condition), Is.EqualTo(excluded));

    [Test]
    public void A_workflow_no_pull_request_triggers_may_write() =>
        Assert.That(new WorkflowDocument(Workflow("push", """
              publish:
                runs-on: ubuntu-24.04
                permissions:
                  packages: write
                steps: [{ run: echo }]
            """)).PullRequestWrites(), Is.Empty);

    private static string Workflow(string trigger, string jobs) =>
        $"on:\n  {trigger}:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n{jobs}";
}

[GitHubActionsWorkflow("checks", OnPullRequestBranches = ["main"])]
[GitHubActionsJob("checks", "build", nameof(Compile), nameof(PushDigest))]
internal sealed class PullRequestPushBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Compile => _ => _.Executes(Record());

    public Target PushDigest => _ => _.DependsOn(Compile).WritePermissions(GitHubPermission.Packages).Executes(Record());
}

[GitHubActionsWorkflow("checks", OnPushBranches = ["main"], OnPullRequestBranches = ["main"], FinalTarget = nameof(Notify))]
[GitHubActionsJob("checks", "test", nameof(Test))]
internal sealed class PullRequestNotifyBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Test => _ => _.Executes(Record());

    public Target Notify => _ => _.WritePermissions(GitHubPermission.Issues).Executes(Record());
}

[GitHubActionsWorkflow("scan", OnPushBranches = ["main"], OnPullRequestBranches = ["main"])]
[GitHubActionsJob("scan", "scan", nameof(Scan))]
[GitHubActionsJob("scan", "publish", nameof(Publish))]
internal sealed class PullRequestScanBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Scan => _ => _
        .ReadPermissions(GitHubPermission.Packages)
        .WritePermissions(GitHubPermission.SecurityEvents)
        .Executes(Record());

    public Target Publish => _ => _.After(Scan).WritePermissions(GitHubPermission.Packages).Executes(Record());
}
