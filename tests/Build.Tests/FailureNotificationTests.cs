using System.Globalization;
using CliWrap.Buffered;
using GitHubStandIn;

namespace Build.Tests;

/// <summary>
/// The acceptance of the failure notification: the real build's Notify target as the workflow's notify job runs it, in
/// a simulated GitHub Actions run of main against the GitHub API stub, with the other jobs' results (NEEDS) and the
/// build metrics a real failing Test run wrote. A red run opens an issue; the next green run closes it.
/// </summary>
public sealed class FailureNotificationTests
{
    private const string Token = "ghs_acceptanceToken0123456789abcdef";
    private const string FailingSha = "1111111111111111111111111111111111111111";
    private const string FixingSha = "2222222222222222222222222222222222222222";
    private const long FailingRun = 9001;
    private const long GreenRun = 9002;

    private SampleTestRepository repository = null!;
    private GitHubStub stub = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        repository = await SampleTestRepository.CreateAsync();
        stub = await GitHubStub.StartAsync();
        // Exactly what the docker-build workflow grants every job for the notification (docs/operations.md#permissions).
        stub.Tokens.Issue(Token, TokenGrant.Of("Acme/Gateway", ("contents", PermissionLevel.Read), ("issues", PermissionLevel.Write))); // the notify job's scopes
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await stub.DisposeAsync();
        repository.Dispose();
    }

    // One test, three runs of the build: the notify job of the green run needs the issue the red one opened.
    [Test]
    public async Task The_notify_job_of_a_red_run_opens_an_issue_naming_the_failed_target_and_the_next_green_run_closes_it()
    {
        // The test job's build: a forced failing test, whose metrics the notify job downloads to artifacts/jobs/test-build/.
        var testJob = await Repository.Run("dotnet", [Repository.BuildDll, "Test", "--root", repository.Root, "--update-lock-files", "--no-logo"], repository.Root,
            new Dictionary<string, string?> { ["SAMPLE_FAIL"] = "1" });
        Assert.That(testJob.ExitCode, Is.Not.Zero, testJob.StandardOutput);
        var metrics = Path.Combine(repository.Root, "artifacts", "jobs", "test-build", "build-metrics.json");
        Directory.CreateDirectory(Path.GetDirectoryName(metrics)!);
        File.Copy(Path.Combine(repository.Root, "artifacts", "build-metrics.json"), metrics);

        var red = await RunNotify(FailingRun, FailingSha, """{"test":{"result":"failure","outputs":{}},"image":{"result":"skipped","outputs":{}},"publish":{"result":"skipped","outputs":{}}}""");

        var issue = stub.Issues.All.SingleOrDefault();
        Assert.Multiple(() =>
        {
            Assert.That(red.ExitCode, Is.Zero, red.StandardOutput);
            Assert.That(issue, Is.Not.Null, red.StandardOutput);
            Assert.That(issue?.IsOpen, Is.True);
            Assert.That(issue?.Title, Is.EqualTo("Docker build failing on main"));
            Assert.That(issue?.Labels, Is.EqualTo(new[] { "build-failure" }));
            Assert.That(issue?.Body, Does.Contain("- Job `test`: failure"));
            Assert.That(issue?.Body, Does.Contain("**Test**: 1 unit test(s) failed"), "the first line of the target's error, from the test job's metrics");
            Assert.That(issue?.Body, Does.Contain(FailingSha));
            Assert.That(issue?.Body, Does.Contain(RunUrl(FailingRun)));
            Assert.That(red.StandardOutput, Does.Contain("Opened failure issue #"));
        });

        Directory.Delete(Path.Combine(repository.Root, "artifacts", "jobs"), recursive: true);
        var green = await RunNotify(GreenRun, FixingSha, """{"test":{"result":"success","outputs":{}},"image":{"result":"success","outputs":{}},"publish":{"result":"success","outputs":{}}}""");

        var closed = stub.Issues.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(green.ExitCode, Is.Zero, green.StandardOutput);
            Assert.That(closed.State, Is.EqualTo("closed"), green.StandardOutput);
            Assert.That(stub.Issues.CommentsOn(closed.Number).Select(comment => comment.Body),
                Has.One.Contains(RunUrl(GreenRun)).And.Contains(FixingSha[..7]));
            Assert.That(stub.Requests.All.Select(request => request.Path), Has.None.Contains("/actions/"), "the jobs' results come from NEEDS");
            Assert.That(red.StandardOutput + red.StandardError + green.StandardOutput + green.StandardError, Does.Not.Contain(Token));
            Assert.That(stub.Requests.All, Has.All.Property(nameof(RecordedRequest.Authorized)).True);
            Assert.That(stub.Requests.All.Select(request => request.Access), Has.All.EqualTo(AccessOutcome.Granted), "the workflow's scopes suffice");
        });
    }

    [Test]
    public async Task Notify_without_the_jobs_results_fails_naming_the_parameter()
    {
        var result = await Repository.Run("dotnet", [Repository.BuildDll, "Notify", "--root", repository.Root, "--no-logo"], repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Not.Zero);
            Assert.That(result.StandardOutput, Does.Contain("requires parameter --needs"));
        });
    }

    private static string RunUrl(long runId) => $"https://github.com/Acme/Gateway/actions/runs/{runId}";

    private Task<BufferedCommandResult> RunNotify(long runId, string sha, string needs) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Notify", "--root", repository.Root, "--no-logo"], repository.Root,
            new Dictionary<string, string?>
            {
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
                ["GITHUB_JOB"] = "notify",
                ["GITHUB_RUN_ID"] = runId.ToString(CultureInfo.InvariantCulture),
                ["GITHUB_RUN_ATTEMPT"] = "1",
                ["GITHUB_STEP_SUMMARY"] = repository.StepSummaryPath,
                ["NEEDS"] = needs,
            });
}
