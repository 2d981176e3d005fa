using Delivery.Notifications;
using GitHubStandIn;

namespace Delivery.Tests;

/// <summary>The build-failure issue against the GitHub API stub: opened, commented on, closed only when the whole run is green.</summary>
public sealed class FailureIssueTests
{
    private const long FailedRun = 4242;
    private const long GreenRun = 4343;
    private const string Title = "Docker build failing on main";

    private static readonly IReadOnlyList<FailedTarget> TestFailed =
        [new("Test", "1 unit test(s) failed; see artifacts/test-results/unit/ for the TRX files.")];

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
    public async Task A_failed_run_on_the_default_branch_opens_a_labelled_issue_naming_the_target_the_commit_and_the_run()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), succeeded: false);

        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Title, Is.EqualTo(Title));
            Assert.That(issue.IsOpen, Is.True);
            Assert.That(issue.Labels, Is.EqualTo(new[] { "build-failure" }));
            Assert.That(issue.Body, Does.Contain("**Test**: 1 unit test(s) failed"));
            Assert.That(issue.Body, Does.Contain(NotificationRuns.Sha));
            Assert.That(issue.Body, Does.Contain(NotificationRuns.RunUrl(FailedRun)));
            Assert.That(issue.Body, Does.Contain("`test`"), "the job");
            // GitHub creates a label that a new issue names and the repository lacks; the stub does the same.
            Assert.That(stub.Issues.Labels.Single().Color, Is.EqualTo(IssueStore.ImplicitLabelColor));
            Assert.That(log.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task A_further_failure_comments_on_the_open_issue_instead_of_opening_a_second()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), succeeded: false);
        await NotifyAsync(NotificationRuns.Environment(runId: 4250, sha: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), succeeded: false);

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

        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), succeeded: false);

        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All.Count(issue => issue.Title == Title), Is.EqualTo(2));
            Assert.That(stub.Issues.CommentsOn(unlabelled.Number), Is.Empty);
            Assert.That(stub.Issues.CommentsOn(tagIssue.Number), Is.Empty);
        });
    }

    [Test]
    public async Task A_green_run_whose_other_jobs_all_succeeded_or_were_skipped_closes_the_issue_with_a_comment()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), succeeded: false);
        AddJob(GreenRun, "Test and secret scan", "completed", "success");
        AddJob(GreenRun, "Image (linux/amd64)", "completed", "success");
        AddJob(GreenRun, "Publish", "completed", "skipped");
        AddJob(GreenRun, "Image (linux/arm64)", "in_progress", null); // this job, still running while it asks

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun, sha: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), succeeded: true);

        var issue = stub.Issues.All.Single();
        var comment = stub.Issues.CommentsOn(issue.Number).Last();
        Assert.Multiple(() =>
        {
            Assert.That(issue.State, Is.EqualTo("closed"));
            Assert.That(issue.StateReason, Is.EqualTo("completed"));
            Assert.That(comment.Body, Does.Contain(NotificationRuns.RunUrl(GreenRun)));
            Assert.That(comment.Body, Does.Contain("bbbbbbb"));
            Assert.That(stub.Requests.Matching("GET", $"/api/v3/repos/Acme/Gateway/actions/runs/{GreenRun}/jobs"), Has.Count.EqualTo(1));
            Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/Acme/Gateway/issues").Select(request => request.Query),
                Has.All.Contains("labels=build-failure").And.All.Contains("state=open"));
            Assert.That(stub.Requests.Matching("PATCH", $"/api/v3/repos/Acme/Gateway/issues/{issue.Number}").Single().Body,
                Does.Contain("\"state\":\"closed\"").And.Contain("\"state_reason\":\"completed\""));
        });
    }

    [TestCase("completed", "failure", TestName = "Another job of the run failed")]
    [TestCase("completed", "cancelled", TestName = "Another job of the run was cancelled")]
    [TestCase("in_progress", null, TestName = "Another job of the run is still running")]
    [TestCase("queued", null, TestName = "Another job of the run has not started")]
    public async Task A_green_job_leaves_the_issue_open_while(string status, string? conclusion)
    {
        await NotifyAsync(NotificationRuns.Environment(runId: FailedRun), succeeded: false);
        AddJob(GreenRun, "Test and secret scan", "in_progress", null);
        AddJob(GreenRun, "Image (linux/amd64)", status, conclusion);

        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), succeeded: true);

        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.IsOpen, Is.True);
            Assert.That(stub.Issues.CommentsOn(issue.Number), Is.Empty);
            Assert.That(log.All, Has.Some.Contains("stays open"));
        });
    }

    [Test]
    public async Task A_green_run_without_an_open_issue_asks_nothing_about_its_jobs()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: GreenRun), succeeded: true);

        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All, Is.Empty);
            Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/Acme/Gateway/actions"), Is.Empty);
        });
    }

    [Test]
    public async Task Release_tags_share_one_issue_that_names_the_tag_and_the_next_green_tag_run_closes_it()
    {
        await NotifyAsync(NotificationRuns.Environment(reference: "refs/tags/v1.2.3", runId: 501), succeeded: false);
        var issue = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Title, Is.EqualTo("Docker build failing on release tags"));
            Assert.That(issue.Body, Does.Contain("v1.2.3"));
        });

        stub.Actions.Add(new StubJob(5021, 502, "Publish", "in_progress", null, DateTimeOffset.UtcNow, null));
        await NotifyAsync(NotificationRuns.Environment(reference: "refs/tags/v1.2.4", runId: 502), succeeded: true);

        Assert.That(stub.Issues.All.Single().IsOpen, Is.False);
    }

    [Test]
    public async Task Two_jobs_opening_at_once_leave_one_open_issue_with_both_failures()
    {
        // What a matrix leg that lost the race sees: the other leg's issue appears between its look-up and its create.
        StubIssue? other = null;
        stub.Issues.BeforeNextCreate = () => other = stub.Issues.Create(Title, "opened by the other leg", ["build-failure"]);

        await NotifyAsync(NotificationRuns.Environment(runId: 601), succeeded: false);

        var open = stub.Issues.All.Where(issue => issue.IsOpen).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stub.Issues.All, Has.Count.EqualTo(2), "both legs opened one");
            Assert.That(open.Select(issue => issue.Number), Is.EqualTo(new[] { other!.Number }), "the oldest stays open, the newer closed as its duplicate");
            Assert.That(stub.Issues.CommentsOn(other.Number).Select(comment => comment.Body), Has.Some.Contains(NotificationRuns.RunUrl(601)));
        });
    }

    [Test]
    public async Task A_manual_run_does_not_notify()
    {
        await NotifyAsync(NotificationRuns.Environment(eventName: "workflow_dispatch"), succeeded: false);

        Assert.That(stub.Issues.All, Is.Empty);
    }

    [TestCase("pull_request", "refs/pull/42/merge", TestName = "A pull request")]
    [TestCase("push", "refs/heads/feature/login", TestName = "A feature branch")]
    [TestCase("schedule", "refs/heads/main", TestName = "A scheduled run")]
    public async Task Does_nothing_for(string eventName, string reference)
    {
        await using var webhook = await WebhookListener.StartAsync();

        await NotifyAsync(NotificationRuns.Environment(eventName, reference), succeeded: false, new WebhookNotifier(webhook.Url, WebhookNotifier.DefaultTimeout));

        Assert.Multiple(() =>
        {
            Assert.That(stub.Requests.All, Is.Empty);
            Assert.That(webhook.Received, Is.Empty);
            Assert.That(log.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task Does_nothing_outside_GitHub_Actions()
    {
        var environment = NotificationRuns.Environment();
        environment.Remove("GITHUB_ACTIONS");

        await NotifyAsync(environment, succeeded: false);

        Assert.That(stub.Requests.All, Is.Empty);
    }

    private void AddJob(long runId, string name, string status, string? conclusion) =>
        stub.Actions.Add(new StubJob(runId * 10 + stub.Actions.JobsOf(runId).Count, runId, name, status, conclusion,
            DateTimeOffset.UtcNow.AddMinutes(-5), status == "completed" ? DateTimeOffset.UtcNow : null));

    private Task NotifyAsync(Dictionary<string, string> environment, bool succeeded, WebhookNotifier? webhook = null) =>
        Notifiers.Create(stub, log, webhook).NotifyAsync(environment, NotificationRuns.Context(environment), succeeded, succeeded ? [] : TestFailed);
}
