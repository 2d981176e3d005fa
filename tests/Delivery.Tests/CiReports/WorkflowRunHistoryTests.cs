using Delivery.CiReports;
using Delivery.GitHub;
using Delivery.Tests.Resilience;
using GitHubStandIn;
using Tooling;

namespace Delivery.Tests.CiReports;

/// <summary>The CI report's reads from GitHub's API, against the recorded stub: pages, faults and annotations.</summary>
public sealed class WorkflowRunHistoryTests
{
    private const string Workflow = "docker-build.yml";
    private static readonly GitHubRepository Repository = new("acme", "gateway");
    private static readonly DateTimeOffset Start = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private GitHubStub stub = null!;

    [SetUp]
    public async Task StartStub() => stub = await GitHubStub.StartAsync();

    [TearDown]
    public async Task StopStub() => await stub.DisposeAsync();

    private WorkflowRunHistory History(GitHubRetry? retry = null) =>
        new(GitHubApi.CreateClient("test-token", stub.BaseUrl), retry ?? new GitHubRetry(Serilog.Core.Logger.None) { Time = new FakeClock() }, Serilog.Core.Logger.None);

    /// <summary>Runs 1…count, six hours apart, each with a test job and two image legs; run n has id 5000 + n.</summary>
    private void AddRuns(int count, string conclusion = "success")
    {
        for (var number = 1; number <= count; number++)
        {
            var runId = 5000L + number;
            var started = Start.AddHours(6 * number);
            stub.Actions.Add(new StubWorkflowRun(runId, Workflow, number, "push", "main", $"sha{number}", "completed", conclusion, started, started.AddMinutes(12)));
            stub.Actions.Add(new StubJob((runId * 10) + 1, runId, "Test and secret scan", "completed", conclusion, started.AddSeconds(5), started.AddMinutes(4)));
            stub.Actions.Add(new StubJob((runId * 10) + 2, runId, "Image (linux/amd64)", "completed", "success", started.AddSeconds(5), started.AddMinutes(7)));
            stub.Actions.Add(new StubJob((runId * 10) + 3, runId, "Image (linux/arm64)", "completed", "success", started.AddSeconds(5), started.AddMinutes(9)));
        }
    }

    [Test]
    public async Task Reads_the_newest_completed_runs_with_their_jobs_and_durations()
    {
        AddRuns(3);
        var newest = Start.AddDays(10);
        stub.Actions.Add(new StubWorkflowRun(9999, Workflow, 4, "push", "main", "sha4", "in_progress", null, newest, newest));
        stub.Actions.Add(new StubWorkflowRun(8888, "other.yml", 1, "push", "main", "sha5", "completed", "success", newest, newest));

        var runs = await History().FetchAsync(Repository, Workflow, 50);

        Assert.That(runs.Select(run => run.Number), Is.EqualTo(new[] { 3, 2, 1 }));
        var run = runs[0];
        Assert.That((run.Id, run.Branch, run.Event, run.Conclusion, run.Duration), Is.EqualTo((5003L, "main", "push", "success", TimeSpan.FromMinutes(12))));
        Assert.That(run.Url, Is.EqualTo("https://github.com/acme/gateway/actions/runs/5003"));
        Assert.That(run.Jobs.Select(job => (job.Name, job.Duration)), Is.EqualTo(new[]
        {
            ("Test and secret scan", (TimeSpan?)TimeSpan.FromSeconds(235)),
            ("Image (linux/amd64)", TimeSpan.FromSeconds(415)),
            ("Image (linux/arm64)", TimeSpan.FromSeconds(535)),
        }));
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/workflows/docker-build.yml/runs").Single().Query,
            Does.Contain("status=completed"));
    }

    [Test]
    public async Task Fetches_only_the_pages_it_needs()
    {
        AddRuns(130);

        var runs = await History().FetchAsync(Repository, Workflow, 120);

        Assert.That(runs, Has.Count.EqualTo(120));
        Assert.That(runs[0].Number, Is.EqualTo(130));
        Assert.That(runs[^1].Number, Is.EqualTo(11));
        var pages = stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/workflows/");
        Assert.That(pages, Has.Count.EqualTo(2));
        Assert.That(pages.Select(page => page.Query), Has.All.Contain("per_page=100"));
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/runs/"), Has.Count.EqualTo(120));
    }

    [Test]
    public async Task A_small_window_is_one_small_page()
    {
        AddRuns(40);

        var runs = await History().FetchAsync(Repository, Workflow, 5);

        Assert.That(runs.Select(run => run.Number), Is.EqualTo(new[] { 40, 39, 38, 37, 36 }));
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/workflows/").Single().Query, Does.Contain("per_page=5"));
    }

    [TestCase(FaultKind.RateLimit)]
    [TestCase(FaultKind.ServerError)]
    public async Task Retries_a_fault_and_then_succeeds(FaultKind kind)
    {
        AddRuns(2);
        stub.Faults.Add("GET", "/actions/workflows/docker-build.yml/runs", kind);
        stub.Faults.Add("GET", "/actions/runs/5002/jobs", kind);
        var clock = new FakeClock();
        var retry = new GitHubRetry(Serilog.Core.Logger.None) { Time = clock };

        var runs = await History(retry).FetchAsync(Repository, Workflow, 10);

        Assert.That(runs.Select(run => run.Jobs.Count), Is.EqualTo(new[] { 3, 3 }));
        Assert.That(clock.Waits, Has.Count.EqualTo(2));
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/workflows/"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_server_error_that_persists_fails_the_build_saying_so()
    {
        AddRuns(2);
        stub.Faults.Add("GET", "/actions/workflows/docker-build.yml/runs", FaultKind.ServerError, times: 100);

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => History().FetchAsync(Repository, Workflow, 10));

        Assert.That(failure!.Message, Does.Contain("GitHub's API kept failing (list the runs of docker-build.yml, which needs actions: read): 502 BadGateway after 4 attempts"));
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/actions/workflows/"), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Failed_jobs_name_their_failed_targets_from_the_annotations()
    {
        AddRuns(1, conclusion: "failure");
        const long testJob = (5001L * 10) + 1;
        stub.Actions.Add(new StubAnnotation(testJob, "failure", "Target Test failed", "3 tests failed"));
        stub.Actions.Add(new StubAnnotation(testJob, "failure", "Target SecretScan failed", "1 finding"));
        stub.Actions.Add(new StubAnnotation(testJob, "warning", "Target Restore failed", "not a failure"));
        stub.Actions.Add(new StubAnnotation(testJob, "failure", null, "Process completed with exit code 1."));
        stub.Actions.Add(new StubAnnotation(testJob, "failure", "Target Test failed", "the same target again"));
        // A succeeded job's annotations are never read.
        stub.Actions.Add(new StubAnnotation((5001L * 10) + 2, "failure", "Target ImageTest failed", "stale"));

        var runs = await History().FetchAsync(Repository, Workflow, 1);

        var jobs = runs.Single().Jobs;
        Assert.That(jobs[0].FailedTargets, Is.EqualTo(new[] { "Test", "SecretScan" }));
        Assert.That(jobs[1].FailedTargets, Is.Empty);
        Assert.That(stub.Requests.Matching("GET", "/api/v3/repos/acme/gateway/check-runs/").Select(request => request.Path),
            Is.EqualTo(new[] { $"/api/v3/repos/acme/gateway/check-runs/{testJob}/annotations" }));
    }

    [Test]
    public async Task A_workflow_without_completed_runs_is_an_empty_history()
    {
        var runs = await History().FetchAsync(Repository, Workflow, 50);

        Assert.That(runs, Is.Empty);
    }
}
