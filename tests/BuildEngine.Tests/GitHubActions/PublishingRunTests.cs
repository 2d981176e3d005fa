namespace BuildEngine.Tests;

/// <summary>
/// A publishing target in a job that also runs when nothing publishes (a push by digest in a build matrix) runs only in
/// a publishing run: the generated workflow hands such a job the publishing jobs' own <c>if:</c>, and
/// <see cref="BuildBase.IsPublishingRun"/> reads it; off GitHub Actions it is always a publishing run.
/// </summary>
public sealed class PublishingRunTests : BuildFixture
{
    [Test]
    public async Task A_job_running_a_publishing_target_gets_the_publishing_jobs_condition_and_a_job_without_one_gets_nothing()
    {
        var result = await RunAsync(new DigestBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var workflow = new WorkflowDocument(Repository.ReadFile(".github/workflows/digests.yml"));

        var condition = WorkflowDocument.ScalarOf(workflow.Job("publish"), "if");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(condition, Does.StartWith("github.event_name == 'push'"));
            Assert.That(workflow.BuildEnvOf("build")["PUBLISHING_RUN"], Is.EqualTo($"${{{{ {condition} }}}}"), "one rule: the publish job's own if:");
            Assert.That(workflow.BuildEnvOf("test"), Does.Not.ContainKey("PUBLISHING_RUN"));
            Assert.That(WorkflowDocument.ScalarOf(workflow.Job("build"), "if"), Is.Null, "the build job itself runs for every event");
        }
    }

    [TestCase(null, null, true, TestName = "Off GitHub Actions the target runs, as a developer asked for it")]
    [TestCase("true", "true", true, TestName = "On GitHub Actions in a publishing run it runs")]
    [TestCase("true", "false", false, TestName = "On GitHub Actions in a run that does not publish it is skipped")]
    [TestCase("true", null, false, TestName = "On GitHub Actions without the workflow's word it is skipped")]
    public async Task The_publishing_target(string? gitHubActions, string? publishingRun, bool runs)
    {
        if (gitHubActions is not null)
        {
            Repository.Environment["GITHUB_ACTIONS"] = gitHubActions;
        }

        if (publishingRun is not null)
        {
            Repository.Environment["PUBLISHING_RUN"] = publishingRun;
        }

        var build = new DigestBuild();
        var result = await RunAsync(build, "PushDigest", "--host", "Terminal");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(build.Executed, runs ? Does.Contain("PushDigest") : Does.Not.Contain("PushDigest"));
            Assert.That(build.Executed, Does.Contain("Compile"), "its dependencies still run");
            Assert.That(result.SummaryRowOf("PushDigest"), runs ? Does.Contain("Succeeded") : Does.Contain("Skipped").And.Contain("OnlyWhen: IsPublishingRun"));
        }
    }

}

// No pull_request trigger: the build job pushes (PullRequestScopeTests); it learns on pushes and dispatches whether to.
[GitHubActionsWorkflow("digests", OnPushBranches = ["main"], OnWorkflowDispatch = true)]
[GitHubActionsJob("digests", "test", nameof(Test))]
[GitHubActionsJob("digests", "build", nameof(Compile), nameof(PushDigest))]
[GitHubActionsJob("digests", "publish", nameof(Merge))]
internal sealed class DigestBuild : TestBuild
{
    protected internal override GitHubActionsCatalog WorkflowCatalog => WorkflowBuild.DefaultCatalog();

    public Target Test => _ => _.Executes(Record());

    public Target Compile => _ => _.After(Test).Executes(Record());

    public Target PushDigest => _ => _
        .DependsOn(Compile)
        .OnlyWhenStatic(() => IsPublishingRun)
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());

    public Target Merge => _ => _
        .After(PushDigest)
        .WritePermissions(GitHubPermission.Packages)
        .Executes(Record());
}
