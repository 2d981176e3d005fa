using Delivery.CiReports;
using static Delivery.Tests.CiReports.CiRuns;

namespace Delivery.Tests.CiReports;

/// <summary>artifacts/ci-report.md (also the job summary): the whole text as a snapshot, and the escaping of API text.</summary>
public sealed class CiReportMarkdownTests
{
    [Test]
    public void Renders_the_success_rate_the_jobs_the_trend_and_the_failing_targets() =>
        Snapshot.Match(CiReportMarkdown.Render(CiReportSample.Create()), "CiReportMarkdown");

    [Test]
    public void Job_and_target_names_cannot_break_the_table_or_inject_html()
    {
        var report = CiReportCalculator.Compute("acme/gateway", "docker-build.yml", 1,
            [Run(1, "failure", 10, Job("a | b\n<img src=x>", "failure", 3, "T|<b>"))], DateTimeOffset.UnixEpoch);

        var markdown = CiReportMarkdown.Render(report);

        Assert.That(markdown, Does.Contain(@"| a \| b &lt;img src=x&gt; |"));
        Assert.That(markdown, Does.Contain(@"| T\|&lt;b&gt; |"));
        Assert.That(markdown, Does.Not.Contain("<img").And.Not.Contain("<b>"));
    }

    [Test]
    public void Without_runs_it_says_so()
    {
        var report = CiReportCalculator.Compute("acme/gateway", "docker-build.yml", 50, [], DateTimeOffset.UnixEpoch);

        Assert.That(CiReportMarkdown.Render(report), Does.Contain("No completed runs yet."));
    }
}
