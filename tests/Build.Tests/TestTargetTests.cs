namespace Build.Tests;

/// <summary>
/// The Test target end to end, on a throw-away repository with one NUnit project: a failing test fails the
/// build, a passing run succeeds, and TRX results land in artifacts/test-results/.
/// </summary>
public sealed class TestTargetTests
{
    private SampleTestRepository repository = null!;

    [OneTimeSetUp]
    public async Task CreateRepository() => repository = await SampleTestRepository.CreateAsync();

    [OneTimeTearDown]
    public void DeleteRepository() => repository.Dispose();

    // One test, two runs: the second reuses the first one's restore and build, which keeps the fixture quick.
    [Test]
    public async Task A_failing_test_fails_the_build_and_a_passing_run_succeeds_with_its_totals()
    {
        var failing = await RunTestTarget(fail: true);

        Assert.Multiple(() =>
        {
            Assert.That(failing.ExitCode, Is.Not.Zero);
            Assert.That(failing.StandardOutput, Does.Match(@"(?m)^Test\s+Failed"));
            Assert.That(failing.StandardOutput, Does.Contain("Tests: 1 passed, 1 failed, 0 skipped"));
            // The error line names the failed test and its message: a CI log that keeps only its tail still says which.
            Assert.That(failing.StandardOutput, Does.Contain("1 unit test(s) failed: Fails_when_asked: Assert.That(Environment.GetEnvironmentVariable(\"SAMPLE_FAIL\")"));
            Assert.That(Directory.GetFiles(Path.Combine(repository.Root, "artifacts", "test-results", "unit"), "*.trx"), Is.Not.Empty);
        });

        var passing = await RunTestTarget(fail: false);

        Assert.Multiple(() =>
        {
            Assert.That(passing.ExitCode, Is.Zero, passing.StandardOutput);
            Assert.That(passing.StandardOutput, Does.Contain("Tests: 2 passed, 0 failed, 0 skipped"));
            Assert.That(passing.StandardOutput, Does.Match(@"(?m)^Test\s+Succeeded.*// 2 passed, 0 failed, 0 skipped$"), "the counts as the target's summary note");
            Assert.That(failing.StandardOutput + passing.StandardOutput, Does.Not.Contain("::error"), "off GitHub Actions the test logger is not used");
        });
    }

    [Test]
    public async Task On_GitHub_Actions_a_failed_test_becomes_an_annotation_and_a_line_of_the_step_summary()
    {
        File.WriteAllText(repository.StepSummaryPath, "");

        var run = await RunTestTarget(fail: true, new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_EVENT_PATH"] = repository.PushEventPath,
            ["GITHUB_REF"] = "refs/heads/main",
            ["GITHUB_REPOSITORY"] = "Acme/Gateway",
            ["GITHUB_STEP_SUMMARY"] = repository.StepSummaryPath,
        });

        var summary = File.ReadAllText(repository.StepSummaryPath);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.Zero);
            // The logger's annotation, titled with the test (the engine's own is "Target Test failed"); at the start of
            // the line, or the runner takes it for text: the engine passes the tool's workflow command through bare.
            Assert.That(run.StandardOutput, Does.Match(@"(?m)^::error title=Fails_when_asked[,:]"), run.StandardOutput);
            Assert.That(summary, Does.Contain("Fails_when_asked"), "the logger's table of the run");
            Assert.That(summary, Does.Not.Contain("Passes"), "passed tests are left out of the step summary");
            Assert.That(summary, Does.Match(@"\| Test \| ❌ Failed \| .* \| 1 unit test\(s\) failed: Fails_when_asked"), "the build's own table keeps the failure as the note");
        });
    }

    [Test]
    public async Task The_offline_lab_s_tests_run_only_with_offline_lab_and_Image_tests_never()
    {
        var withoutLab = await RunTestTarget(fail: false);
        var withLab = await RunTestTarget(fail: false, "--offline-lab");

        Assert.Multiple(() =>
        {
            Assert.That(withoutLab.ExitCode, Is.Zero, withoutLab.StandardOutput);
            Assert.That(withoutLab.StandardOutput, Does.Contain("Tests: 2 passed, 0 failed, 0 skipped"), "a runner or a laptop lacks the lab");
            Assert.That(withLab.ExitCode, Is.Zero, withLab.StandardOutput);
            Assert.That(withLab.StandardOutput, Does.Contain("Tests: 3 passed, 0 failed, 0 skipped"), "the lab test, but not the Image test that also needs the lab");
        });
    }

    [Test]
    public async Task The_test_processes_do_not_see_GITHUB_TOKEN_or_a_secret_parameter_of_the_build()
    {
        var record = Path.Combine(repository.Root, ".runner", "test-environment.txt");
        File.Delete(record);

        var run = await RunTestTarget(fail: false, environment: new Dictionary<string, string?>
        {
            ["GITHUB_TOKEN"] = "ghs_sentinel_for_the_test_target",
            ["NOTIFY_WEBHOOK_URL"] = "https://hooks.example.invalid/sentinel",
            ["SAMPLE_RECORD_ENVIRONMENT"] = record,
        });

        Assert.That(run.ExitCode, Is.Zero, run.StandardOutput);
        var seen = File.ReadAllLines(record);
        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.None.EqualTo("GITHUB_TOKEN"), "the job's token, which the build itself reads");
            Assert.That(seen, Has.None.EqualTo("NOTIFY_WEBHOOK_URL"), "a [Secret] parameter's variable");
            Assert.That(seen, Has.Member("SAMPLE_FAIL"), "the build's other variables still arrive");
        });
    }

    private Task<CliWrap.Buffered.BufferedCommandResult> RunTestTarget(bool fail, params string[] arguments) =>
        RunTestTarget(fail, new Dictionary<string, string?>(), arguments);

    private Task<CliWrap.Buffered.BufferedCommandResult> RunTestTarget(bool fail, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        Repository.Run("dotnet", [Repository.BuildDll, "Test", "--root", repository.Root, "--update-lock-files", "--no-logo", .. arguments], repository.Root,
            new Dictionary<string, string?>(environment) { ["SAMPLE_FAIL"] = fail ? "1" : "0" });
}
