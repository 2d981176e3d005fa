using Delivery.Notifications;
using GitHubStandIn;

namespace Delivery.Tests.Notifications;

/// <summary>
/// The build-failure issue against the GitHub API stub, as the workflow's last job drives it with every other job's
/// result: opened by a red run, commented on by the next, closed by a green one.
/// </summary>
public sealed class FailureIssueTests
{
    private const long FailedRun = 4242;
    private const long GreenRun = 4343;
    private const string Title = "Docker build failing on main";

    private GitHubStub stub = null!;
    private CapturedLog log = null!;

    [SetUp]
    public async Task StartStub()
    {
        stub = await GitHubStub.StartAsync();
        log = new CapturedLog();
    }

    [TearDown]
    public async Task StopStub() => await stub.DisposeAsync();

    [Test]
    public async Task A_red_run_on_the_default_branch_opens_a_labelled_issue_naming_the_failed_job_and_target_the_commit_and_the_run()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), NotificationRuns.TestFailed);

        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Title, Is.EqualTo(Title));
            Assert.That(issue.IsOpen, Is.True);
            Assert.That(issue.Labels, Is.EqualTo(new[] { "build-failure" }));
            Assert.That(issue.Body, Does.Contain("- Job `test`: failure"));
            Assert.That(issue.Body, Does.Contain("**Test**: 1 unit test(s) failed"));
            Assert.That(issue.Body, Does.Not.Contain("`image`"), "a job skipped because test failed is not a failure of its own");
            Assert.That(issue.Body, Does.Contain(NotificationRuns.Sha));
            Assert.That(issue.Body, Does.Contain(NotificationRuns.RunUrl(FailedRun)));
            // GitHub creates a label that a new issue names and the repository lacks; the stub does the same.
            Assert.That(stub.Issues.Labels.Single().Color, Is.EqualTo(IssueStore.ImplicitLabelColor));
            Assert.That(log.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task A_job_red_outside_its_build_and_a_red_leg_are_named_with_where_to_look()
    {
        var outcome = new RunOutcome(
        [
            new JobOutcome("test", JobOutcome.Success, []),
            new JobOutcome("image", JobOutcome.Failure, [new FailedTarget("Scan", "2 HIGH vulnerabilities with a fix") { Leg = "linux-arm64" }]),
            new JobOutcome("publish", JobOutcome.Cancelled, []),
        ]);

        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), outcome);

        var body = stub.Issues.All.Single().Body;
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain("- Job `image`: failure"));
            Assert.That(body, Does.Contain("**Scan** (linux-arm64): 2 HIGH vulnerabilities with a fix"));
            Assert.That(body, Does.Contain("- Job `publish`: cancelled\n  - No target failed in its build"));
            Assert.That(body, Does.Not.Contain("`test`"));
        });
    }

    [Test]
    public async Task A_further_failure_comments_on_the_open_issue_instead_of_opening_a_second()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), NotificationRuns.TestFailed);
        await NotifyAsync(NotificationRuns.Environment(runId: 4250, sha: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), NotificationRuns.TestFailed);

        var issue = stub.Issues.All.Single();
        var comment = stub.Issues.CommentsOn(issue.Number).Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.IsOpen, Is.True);
            Assert.That(comment.Body, Does.Contain("Failed again"));
            Assert.That(comment.Body, Does.Contain(NotificationRuns.RunUrl(4250)));
            Assert.That(comment.Body, Does.Contain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
            Assert.That(comment.Body, Does.Contain("**Test**"));
        });
    }

    [Test]
    public async Task A_failure_on_another_ref_or_an_issue_without_the_label_gets_an_issue_of_its_own()
    {
        var unlabelled = stub.Issues.Create(Title, "opened by hand", []);
        var tagIssue = stub.Issues.Create("Docker build failing on v1.2.3", "", ["build-failure"]);

        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All.Count(issue => issue.Title == Title), Is.EqualTo(2));
            Assert.That(stub.Issues.CommentsOn(unlabelled.Number), Is.Empty);
            Assert.That(stub.Issues.CommentsOn(tagIssue.Number), Is.Empty);
        });
    }

    [Test]
    public async Task A_green_run_closes_the_issue_with_a_comment_knowing_every_job_s_result_without_asking_GitHub_for_them()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), NotificationRuns.TestFailed);
        var green = new RunOutcome([.. NotificationRuns.Green.Jobs.SkipLast(1), new JobOutcome("publish", JobOutcome.Skipped, [])]);

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun, sha: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), green);

        var issue = stub.Issues.All.Single();
        var comment = stub.Issues.CommentsOn(issue.Number).Last();
        Assert.Multiple(() =>
        {
            Assert.That(issue.State, Is.EqualTo("closed"));
            Assert.That(issue.StateReason, Is.EqualTo("completed"));
            Assert.That(comment.Body, Does.Contain(NotificationRuns.RunUrl(GreenRun)));
            Assert.That(comment.Body, Does.Contain("bbbbbbb"));
            Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/Acme/Gateway/actions"), Is.Empty, "the needs context says it all");
            Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/Acme/Gateway/issues").Select(request => request.Query),
                Has.All.Contains("labels=build-failure").And.All.Contains("state=open"));
            Assert.That(stub.Requests.Matching("PATCH", $"/api/v3/repos/Acme/Gateway/issues/{issue.Number}").Single().Body,
                Does.Contain("\"state\":\"closed\"").And.Contain("\"state_reason\":\"completed\""));
        });
    }

    [Test]
    public async Task A_green_run_closes_every_open_issue_of_its_title()
    {
        var first = stub.Issues.Create(Title, "", ["build-failure"]);
        var second = stub.Issues.Create(Title, "", ["build-failure"]);

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), NotificationRuns.Green);

        Assert.That(new[] { first, second }.Select(issue => stub.Issues.All.Single(stored => stored.Number == issue.Number).IsOpen), Is.All.False);
    }

    [TestCase(JobOutcome.Failure, TestName = "A run with a failed job leaves the issue open and comments")]
    [TestCase(JobOutcome.Cancelled, TestName = "A run with a cancelled job leaves the issue open and comments")]
    public async Task A_red_run_never_closes(string result)
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), NotificationRuns.TestFailed);
        var red = new RunOutcome([.. NotificationRuns.Green.Jobs.SkipLast(1), new JobOutcome("publish", result, [])]);

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), red);

        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.IsOpen, Is.True);
            Assert.That(stub.Issues.CommentsOn(issue.Number).Single().Body, Does.Contain("Failed again").And.Contain($"- Job `publish`: {result}"));
        });
    }

    [Test]
    public async Task A_run_whose_every_job_was_skipped_neither_opens_nor_closes()
    {
        var open = stub.Issues.Create(Title, "", ["build-failure"]);
        var skipped = new RunOutcome([new JobOutcome("test", JobOutcome.Skipped, []), new JobOutcome("publish", JobOutcome.Skipped, [])]);

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), skipped);

        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All.Single(issue => issue.Number == open.Number).IsOpen, Is.True);
            Assert.That(stub.Requests.All, Is.Empty);
            Assert.That(log.All, Has.Some.Contains("proves nothing"));
        });
    }

    [Test]
    public async Task A_green_run_without_an_open_issue_writes_nothing()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), NotificationRuns.Green);

        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All, Is.Empty);
            Assert.That(stub.Requests.All.Select(request => request.Method), Is.All.EqualTo("GET"));
        });
    }

    [Test]
    public async Task Release_tags_share_one_issue_that_names_the_tag_and_the_next_green_tag_run_closes_it()
    {
        await NotifyAsync(NotificationRuns.Environment(reference: "refs/tags/v1.2.3", runId: 501), NotificationRuns.TestFailed);
        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Title, Is.EqualTo("Docker build failing on release tags"));
            Assert.That(issue.Body, Does.Contain("v1.2.3"));
        });

        await NotifyAsync(NotificationRuns.Environment(reference: "refs/tags/v1.2.4", runId: 502), NotificationRuns.Green);

        Assert.That(stub.Issues.All.Single().IsOpen, Is.False);
    }

    [Test]
    public async Task Two_runs_opening_at_once_leave_one_open_issue_with_both_failures()
    {
        // What a run that lost the race sees: the other run's issue appears between its look-up and its create.
        StubIssue? other = null;
        stub.Issues.BeforeNextCreate = () => other = stub.Issues.Create(Title, "opened by the other run", ["build-failure"]);

        await NotifyAsync(NotificationRuns.Environment(runId: 601), NotificationRuns.TestFailed);

        var open = stub.Issues.All.Where(issue => issue.IsOpen).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All, Has.Count.EqualTo(2), "both runs opened one");
            Assert.That(open.Select(issue => issue.Number), Is.EqualTo(new[] { other!.Number }), "the oldest stays open, the newer closed as its duplicate");
            Assert.That(stub.Issues.CommentsOn(other.Number).Select(comment => comment.Body), Has.Some.Contains(NotificationRuns.RunUrl(601)));
        });
    }

    [Test]
    public async Task A_manual_run_does_not_notify()
    {
        await NotifyAsync(NotificationRuns.Environment(eventName: "workflow_dispatch"), NotificationRuns.TestFailed);

        Assert.That(stub.Issues.All, Is.Empty);
    }

    [TestCase("pull_request", "refs/pull/42/merge", TestName = "A pull request")]
    [TestCase("push", "refs/heads/feature/login", TestName = "A feature branch")]
    [TestCase("schedule", "refs/heads/main", TestName = "A scheduled run")]
    public async Task Does_nothing_for(string eventName, string reference)
    {
        await using var webhook = await WebhookListener.StartAsync();

        await NotifyAsync(NotificationRuns.Environment(eventName, reference), NotificationRuns.TestFailed, new WebhookNotifier(webhook.Url, WebhookNotifier.DefaultTimeout));

        Assert.Multiple(() =>
        {
            Assert.That(stub.Requests.All, Is.Empty);
            Assert.That(webhook.Received, Is.Empty);
            Assert.That(log.Warnings, Is.Empty);
            Assert.That(log.All, Has.Some.StartsWith("No failure notification: "), "the reason is logged");
        });
    }

    [Test]
    public async Task Does_nothing_outside_GitHub_Actions()
    {
        var environment = NotificationRuns.Environment();
        environment.Remove("GITHUB_ACTIONS");

        await NotifyAsync(environment, NotificationRuns.TestFailed);

        Assert.That(stub.Requests.All, Is.Empty);
    }

    private Task NotifyAsync(Dictionary<string, string> environment, RunOutcome outcome, WebhookNotifier? webhook = null) =>
        Notifiers.Create(stub, log, webhook).NotifyAsync(environment, NotificationRuns.Context(environment), outcome);
}
