namespace Build.Tests;

/// <summary>
/// Pull requests hold no write scope but security-events (docs/security.md#token-permissions): in every committed
/// workflow, each job a pull_request or pull_request_target event can run; and the shape that makes it so, a
/// pull-request workflow that tests, scans and rebuilds but pushes nothing, beside a docker-build workflow that no
/// pull request triggers.
/// </summary>
public sealed class PullRequestWorkflowTests
{
    private static WorkflowDocument Read(string path) => new(File.ReadAllText(Path.Combine(Repository.Root, path)));

    [TestCaseSource(typeof(WorkflowTests), nameof(WorkflowTests.AllWorkflows))]
    public void No_job_a_pull_request_runs_writes_anything_but_security_events(string path) =>
        Assert.That(Read(path).PullRequestWrites(), Is.Empty);

    [Test]
    public void Pull_requests_run_only_the_pull_request_workflow()
    {
        var triggered = WorkflowTests.AllWorkflows.Where(path => Read(path).RunsForPullRequests);

        Assert.That(triggered, Is.EqualTo(new[] { ".github/workflows/pull-request.yml" }), "the rule above checks at least one workflow");
    }

    [Test]
    public void The_pull_request_workflow_tests_scans_and_rebuilds_both_platforms_and_pushes_nothing()
    {
        var workflow = Read(".github/workflows/pull-request.yml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workflow.Triggers, Is.EqualTo(new[] { "pull_request" }));
            Assert.That(workflow.JobIds, Is.EqualTo(new[] { "test", "image" }), "no publish job, no notify job");
            Assert.That(WorkflowDocument.ScalarOf(workflow.BuildStepOf("test"), "run"), Is.EqualTo("./build.sh Test SecretScan"));
            Assert.That(WorkflowDocument.ScalarOf(workflow.BuildStepOf("image"), "run"), Is.EqualTo("./build.sh ImageTest Scan VerifyReproducible"));
            Assert.That(workflow.BuildEnvOf("image").Keys, Has.None.EqualTo("PUBLISHING_RUN").And.None.EqualTo("NOTIFY_WEBHOOK_URL"));
            Assert.That(workflow.PermissionsOf("test"), Is.EqualTo(new Dictionary<string, string> { ["contents"] = "read", ["security-events"] = "write" }));
            Assert.That(workflow.PermissionsOf("image"), Is.EqualTo(new Dictionary<string, string>
            {
                ["contents"] = "read",
                ["packages"] = "read", // DockerBuild reads the previous image's size
                ["security-events"] = "write",
            }));
        }
    }

    /// <summary>Never for pull requests itself: a caller (workflow_call) grants the token, so its event decides what it may write.</summary>
    [Test]
    public void The_docker_build_workflow_runs_for_pushes_dispatches_and_calls_only()
    {
        var workflow = Read(".github/workflows/docker-build.yml");

        Assert.That(workflow.Triggers, Is.EqualTo(new[] { "push", "workflow_dispatch", "workflow_call" }));
    }
}
