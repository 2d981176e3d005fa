using System.Globalization;
using CliWrap.Buffered;
using GitHubStandIn;

namespace Build.Tests;

/// <summary>
/// The acceptance of the failure notification: the real build in a simulated GitHub Actions run of main, against
/// the GitHub API stub, with a token holding the scopes the workflow grants. A forced failing target opens an issue; the
/// next green run closes it.
/// </summary>
public sealed class FailureNotificationTests
{
    private const string Token = "ghs_acceptanceToken0123456789abcdef";
    private const string FailingSha = "1111111111111111111111111111111111111111";
    private const string FixingSha = "2222222222222222222222222222222222222222";
    private const long FailingRun = 9001;
    private const long GreenRun = 9002;
    private const string FirstJob = "test"; // the generated workflow's image jobs need it
    private const string LastJob = "publish"; // no job needs it

    private SampleTestRepository repository = null!;
    private GitHubStub stub = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        repository = await SampleTestRepository.CreateAsync();
        stub = await GitHubStub.StartAsync();
        // Exactly what the docker-build workflow grants every job for the notification (docs/operations.md#permissions).
        stub.Tokens.Issue(Token, TokenGrant.Of("Acme/Gateway", ("contents", PermissionLevel.Read), ("issues", PermissionLevel.Write), ("actions", PermissionLevel.Read)));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await stub.DisposeAsync();
        repository.Dispose();
    }

    // One test, three runs: the green runs need the issue the failing one opened (and reuse its restore and build).
    [Test]
    public async Task A_forced_failing_target_in_a_simulated_CI_run_opens_an_issue_on_the_stub_and_the_next_green_run_closes_it()
    {
        var failing = await RunTestTarget(FailingRun, FailingSha, FirstJob, fail: true);

        var issue = stub.Issues.All.SingleOrDefault();
        Assert.Multiple(() =>
        {
            Assert.That(failing.ExitCode, Is.Not.Zero, failing.StandardOutput);
            Assert.That(issue, Is.Not.Null, failing.StandardOutput);
            Assert.That(issue?.IsOpen, Is.True);
            Assert.That(issue?.Title, Is.EqualTo("Docker build failing on main"));
            Assert.That(issue?.Labels, Is.EqualTo(new[] { "build-failure" }));
            Assert.That(issue?.Body, Does.Contain("**Test**: 1 unit test(s) failed"));
            Assert.That(issue?.Body, Does.Contain(FailingSha));
            Assert.That(issue?.Body, Does.Contain(RunUrl(FailingRun)));
            Assert.That(failing.StandardOutput, Does.Contain("Opened failure issue #"));
        });

        // The green run's first job: jobs after it may still fail, so it leaves the issue open.
        stub.Actions.Add(new StubJob(90021, GreenRun, "Test and secret scan", "in_progress", null, DateTimeOffset.UtcNow, null));
        var firstGreen = await RunTestTarget(GreenRun, FixingSha, FirstJob, fail: false);
        Assert.Multiple(() =>
        {
            Assert.That(firstGreen.ExitCode, Is.Zero, firstGreen.StandardOutput);
            Assert.That(stub.Issues.All.Single().IsOpen, Is.True, firstGreen.StandardOutput);
            Assert.That(firstGreen.StandardOutput, Does.Contain("stays open: job 'test' is not the run's last"));
        });

        // Its last job: the others finished green; this one is still in progress while it asks.
        stub.Actions.Add(new StubJob(90022, GreenRun, "Image (linux/amd64)", "completed", "success", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        stub.Actions.Add(new StubJob(90023, GreenRun, "Publish", "in_progress", null, DateTimeOffset.UtcNow, null));
        stub.Actions.Replace(new StubJob(90021, GreenRun, "Test and secret scan", "completed", "success", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var green = await RunTestTarget(GreenRun, FixingSha, LastJob, fail: false);

        var closed = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(green.ExitCode, Is.Zero, green.StandardOutput);
            Assert.That(closed.State, Is.EqualTo("closed"), green.StandardOutput);
            Assert.That(stub.Issues.CommentsOn(closed.Number).Select(comment => comment.Body),
                Has.One.Contains(RunUrl(GreenRun)).And.Contains(FixingSha[..7]));
            Assert.That(failing.StandardOutput + failing.StandardError + green.StandardOutput + green.StandardError, Does.Not.Contain(Token));
            Assert.That(stub.Requests.All, Has.All.Property(nameof(RecordedRequest.Authorized)).True);
            Assert.That(stub.Requests.All.Select(request => request.Access), Has.All.EqualTo(AccessOutcome.Granted), "the workflow's scopes suffice");
        });
    }

    private static string RunUrl(long runId) => $"https://github.com/Acme/Gateway/actions/runs/{runId}";

    private Task<BufferedCommandResult> RunTestTarget(long runId, string sha, string job, bool fail) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Test", "--root", repository.Root, "--update-lock-files", "--no-logo"], repository.Root,
            new Dictionary<string, string?>
            {
                ["SAMPLE_FAIL"] = fail ? "1" : "0",
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_EVENT_NAME"] = "push",
                ["GITHUB_EVENT_PATH"] = repository.PushEventPath,
                ["GITHUB_REF"] = "refs/heads/main",
                ["GITHUB_SHA"] = sha,
                ["GITHUB_REPOSITORY"] = "Acme/Gateway",
                ["GITHUB_SERVER_URL"] = "https://github.com",
                ["GITHUB_API_URL"] = stub.BaseUrl.ToString(),
                ["GITHUB_TOKEN"] = Token,
                ["GITHUB_WORKFLOW"] = "Docker build",
                ["GITHUB_JOB"] = job,
                ["GITHUB_RUN_ID"] = runId.ToString(CultureInfo.InvariantCulture),
                ["GITHUB_RUN_ATTEMPT"] = "1",
                ["GITHUB_STEP_SUMMARY"] = repository.StepSummaryPath,
                ["RUNNER_NAME"] = "GitHub Actions 1", // what the stub reports as every job's runner
            });
}
