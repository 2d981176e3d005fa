using Delivery.CiReports;
using static Delivery.Tests.CiReports.CiRuns;

namespace Delivery.Tests.CiReports;

/// <summary>The CI report's figures from hand-made runs: exact medians and p90s, the success rate, the trend, the failing targets.</summary>
public sealed class CiReportCalculatorTests
{
    private static readonly DateTimeOffset Generated = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    private static CiReport Compute(params CiRun[] runs) => CiReportCalculator.Compute("acme/gateway", "docker-build.yml", 50, runs, Generated);

    [TestCase(new double[] { 7 }, 7)]
    [TestCase(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9)]
    [TestCase(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11 }, 10)]
    [TestCase(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, 18)]
    [TestCase(new double[] { 5, 1, 3 }, 5)]
    public void P90_is_the_nearest_rank(double[] values, double expected) =>
        Assert.That(Percentiles.P90(values), Is.EqualTo(expected));

    [Test]
    public void Median_and_p90_of_a_job_are_exact()
    {
        var runs = Enumerable.Range(1, 10).Select(day => Run(day, "success", 20, Job("Test", "success", day))).ToArray();

        var job = Compute(runs).Jobs.Single();

        Assert.That(job.Duration.MedianSeconds, Is.EqualTo(330)); // (5 + 6) / 2 minutes
        Assert.That(job.Duration.P90Seconds, Is.EqualTo(540)); // the 9th of 10
        Assert.That(job.Duration.Samples, Is.EqualTo(10));
    }

    [Test]
    public void The_success_rate_counts_only_runs_with_a_verdict()
    {
        string[] conclusions = ["success", "success", "success", "success", "success", "success", "failure", "failure", "timed_out", "cancelled", "cancelled", "cancelled", "skipped"];
        var runs = conclusions.Select((conclusion, index) => Run(index + 1, conclusion, 10)).ToArray();

        var tally = Compute(runs).Tally;

        Assert.That(tally, Is.EqualTo(new RunTally(Succeeded: 6, Failed: 3, Cancelled: 3, Other: 1)));
        Assert.That(tally.SuccessRate, Is.EqualTo(6.0 / 9).Within(1e-12));
        Assert.That(tally.Total, Is.EqualTo(13));
    }

    [Test]
    public void Without_a_verdict_there_is_no_success_rate() =>
        Assert.That(Compute(Run(1, "cancelled", 3)).Tally.SuccessRate, Is.Null);

    [Test]
    public void Skipped_and_cancelled_jobs_do_not_count_as_durations_and_skipped_ones_not_as_ran()
    {
        var report = Compute(
            Run(1, "success", 10, Job("Publish", "success", 4)),
            Run(2, "cancelled", 10, Job("Publish", "cancelled", 0.5)),
            Run(3, "success", 10, Job("Publish", "skipped", 0)),
            Run(4, "failure", 10, Job("Publish", "failure", 6)));

        var publish = report.Jobs.Single();

        Assert.That(publish.Ran, Is.EqualTo(3));
        Assert.That(publish.Failed, Is.EqualTo(1));
        Assert.That(publish.Duration.Samples, Is.EqualTo(2));
        Assert.That(publish.Duration.MedianSeconds, Is.EqualTo(300));
    }

    [Test]
    public void Matrix_legs_are_jobs_of_their_own_in_the_workflows_order()
    {
        var report = Compute(
            Run(1, "success", 10, Job("Test", "success", 3), Job("Image (linux/amd64)", "success", 5), Job("Image (linux/arm64)", "success", 8)),
            Run(2, "success", 10, Job("Test", "success", 3), Job("Image (linux/amd64)", "success", 5), Job("Image (linux/arm64)", "success", 9)));

        Assert.That(report.Jobs.Select(job => job.Name), Is.EqualTo(new[] { "Test", "Image (linux/amd64)", "Image (linux/arm64)" }));
        Assert.That(report.Jobs[2].Duration.MedianSeconds, Is.EqualTo(510));
    }

    [Test]
    public void The_trend_compares_the_newer_half_with_the_older_half_and_names_the_job_that_grew_most()
    {
        // Five runs: the older half is runs 1–2, the newer half runs 4–5; run 3 sits in the middle and counts for neither.
        var report = Compute(
            Run(1, "success", 10, Job("Test", "success", 2), Job("Image", "success", 10)),
            Run(2, "success", 10, Job("Test", "success", 2), Job("Image", "success", 10)),
            Run(3, "success", 10, Job("Test", "success", 100), Job("Image", "success", 100)),
            Run(5, "success", 10, Job("Test", "success", 3), Job("Image", "success", 9)),
            Run(4, "success", 10, Job("Test", "success", 3), Job("Image", "success", 9)));

        var test = report.Jobs.Single(job => job.Name == "Test").Trend!;
        var image = report.Jobs.Single(job => job.Name == "Image").Trend!;

        Assert.That((test.OlderMedianSeconds, test.NewerMedianSeconds, test.ChangePercent), Is.EqualTo((120.0, 180.0, 50.0)));
        Assert.That(image.ChangePercent, Is.EqualTo(-10).Within(1e-9));
        Assert.That(report.SlowestTrend, Is.EqualTo(test));
    }

    [Test]
    public void A_job_new_in_the_newer_half_has_no_trend_and_nothing_that_only_got_faster_is_the_slowest_trend()
    {
        var report = Compute(
            Run(1, "success", 10, Job("Test", "success", 4)),
            Run(2, "success", 10, Job("Test", "success", 3), Job("Sbom", "success", 1)));

        Assert.That(report.Jobs.Single(job => job.Name == "Sbom").Trend, Is.Null);
        Assert.That(report.Jobs.Single(job => job.Name == "Test").Trend!.ChangePercent, Is.EqualTo(-25));
        Assert.That(report.SlowestTrend, Is.Null);
    }

    [Test]
    public void Failing_targets_are_counted_per_failed_job_most_first_with_where_they_were_last_seen()
    {
        var report = Compute(
            Run(1, "failure", 10, Job("Test", "failure", 3, "Test")),
            Run(2, "failure", 10, Job("Image (linux/amd64)", "failure", 3, "ImageTest"), Job("Image (linux/arm64)", "failure", 3, "ImageTest", "Scan")),
            Run(3, "success", 10, Job("Test", "success", 3)),
            Run(4, "failure", 10, Job("Test", "failure", 3, "Test")),
            Run(5, "failure", 10, Job("Publish", "failure", 3)));

        Assert.That(report.FailingTargets.Select(target => (target.Target, target.Failures, target.LastSeenRun)),
            Is.EqualTo(new[] { ("Test", 2, 4), ("ImageTest", 2, 2), ("Scan", 1, 2) }));
        Assert.That(report.FailingTargets[1].Jobs, Is.EqualTo(new[] { "Image (linux/amd64)", "Image (linux/arm64)" }));
        Assert.That(report.FailingTargets[0].LastSeen, Is.EqualTo(FirstDay.AddDays(3)));
        Assert.That(report.FailedJobsWithoutTarget, Is.EqualTo(1));
    }

    [Test]
    public void Runs_are_charted_oldest_first_with_the_run_durations_median_and_p90()
    {
        var report = Compute(Run(3, "success", 30), Run(1, "failure", 10), Run(2, "cancelled", 20));

        Assert.That(report.Runs.Select(run => run.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(report.RunDuration, Is.EqualTo(new DurationSummary(3, 1200, 1800)));
    }

    [Test]
    public void The_json_names_the_figures_in_camel_case_with_the_derived_rate_and_change()
    {
        var json = Compute(Run(1, "success", 10, Job("Test", "success", 2)), Run(2, "failure", 12, Job("Test", "failure", 3))).ToJson();

        Assert.That(json, Does.Contain("\"successRate\": 0.5"));
        Assert.That(json, Does.Contain("\"changePercent\": 50"));
        Assert.That(json, Does.Contain("\"medianSeconds\": 150"));
    }
}
