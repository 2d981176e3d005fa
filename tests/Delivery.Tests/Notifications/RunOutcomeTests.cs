using Delivery.Metrics;
using Delivery.Notifications;
using Tooling;

namespace Delivery.Tests.Notifications;

/// <summary>
/// How the notify job reads the run: every job's result from GitHub's needs context, the failed targets from the
/// build metrics each job (and leg) uploaded, which it downloads to one folder per artefact.
/// </summary>
public sealed class RunOutcomeTests
{
    private const string Needs = """
        {
          "test": { "result": "failure", "outputs": {} },
          "image": { "result": "failure", "outputs": {} },
          "publish": { "result": "skipped", "outputs": {} }
        }
        """;

    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("job-metrics-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Each_job_s_result_comes_with_the_targets_that_failed_on_its_legs_with_their_first_lines()
    {
        WriteMetrics("test-build", succeeded: false, new TargetMetrics("Compile", "Succeeded", 1000, null),
            new TargetMetrics("Test", "Failed", 2000, "1 unit test(s) failed; see artifacts/test-results/unit/.\n   at the stack"));
        WriteMetrics("image-build-linux-amd64", succeeded: true, new TargetMetrics("Scan", "Succeeded", 1000, null));
        WriteMetrics("image-build-linux-arm64", succeeded: false, new TargetMetrics("Scan", "Failed", 1000, "2 HIGH vulnerabilities"),
            new TargetMetrics("PushByDigest", "Aborted", 10, null));
        WriteMetrics("test-Test", succeeded: false, new TargetMetrics("Unrelated", "Failed", 1, "another artefact of the run"));

        var outcome = RunOutcome.Read(Needs, folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.Jobs.Select(job => (job.Job, job.Result)), Is.EqualTo(new[] { ("test", "failure"), ("image", "failure"), ("publish", "skipped") }));
            Assert.That(outcome.IsRed, Is.True);
            Assert.That(outcome.IsGreen, Is.False);
            Assert.That(outcome.RedJobs.Select(job => job.Job), Is.EqualTo(new[] { "test", "image" }));
            Assert.That(outcome.Jobs[0].FailedTargets, Is.EqualTo(new[] { new FailedTarget("Test", "1 unit test(s) failed; see artifacts/test-results/unit/.") }));
            Assert.That(outcome.Jobs[1].FailedTargets, Is.EqualTo(new[]
            {
                new FailedTarget("Scan", "2 HIGH vulnerabilities") { Leg = "linux-arm64" },
                new FailedTarget("PushByDigest", "(no message)") { Leg = "linux-arm64" },
            }));
            Assert.That(outcome.UnreadableMetrics, Is.Empty);
        }
    }

    [Test]
    public void A_job_that_failed_or_was_cancelled_before_its_build_wrote_metrics_is_red_without_targets()
    {
        var outcome = RunOutcome.Read("""{ "test": { "result": "success" }, "image": { "result": "cancelled" } }""", Path.Combine(folder, "absent"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.IsRed, Is.True);
            Assert.That(outcome.RedJobs.Single().Job, Is.EqualTo("image"));
            Assert.That(outcome.RedJobs.Single().FailedTargets, Is.Empty);
        }
    }

    [TestCase("""{ "test": { "result": "success" }, "publish": { "result": "skipped" } }""", true, TestName = "Success and skipped jobs make a green run")]
    [TestCase("""{ "test": { "result": "skipped" }, "publish": { "result": "skipped" } }""", false, TestName = "A run of skipped jobs only is not green")]
    public void Green(string needs, bool green)
    {
        var outcome = RunOutcome.Read(needs, folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.IsGreen, Is.EqualTo(green));
            Assert.That(outcome.IsRed, Is.False);
        }
    }

    [Test]
    public void Metrics_that_cannot_be_read_leave_the_job_s_result_and_are_reported()
    {
        Directory.CreateDirectory(Path.Combine(folder, "test-build"));
        File.WriteAllText(Path.Combine(folder, "test-build", RunOutcome.MetricsFileName), "{ \"run\": {} }");

        var outcome = RunOutcome.Read("""{ "test": { "result": "failure" } }""", folder);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.RedJobs.Single().Job, Is.EqualTo("test"));
            Assert.That(outcome.UnreadableMetrics, Is.EqualTo(new[] { "test-build" }));
        }
    }

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("""{ "test": { "outputs": {} } }""")]
    public void Needs_that_are_not_GitHub_s_needs_context_fail_saying_what_passes_it(string needs) =>
        Assert.That(() => RunOutcome.Read(needs, folder),
            Throws.TypeOf<BuildFailedException>().With.Message.StartsWith("--needs ").And.Message.Contains("${{ toJSON(needs) }}"));

    /// <summary>A build-metrics.json as the build writes it, in the folder download-artifact gives the artefact.</summary>
    private void WriteMetrics(string artefact, bool succeeded, params TargetMetrics[] targets)
    {
        var directory = Directory.CreateDirectory(Path.Combine(folder, artefact)).FullName;
        var run = new RunMetrics(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, succeeded, NotificationRuns.Sha, "refs/heads/main", "github-actions");
        File.WriteAllText(Path.Combine(directory, RunOutcome.MetricsFileName), new BuildMetricsDocument(run, targets, null).ToJson());
    }
}
