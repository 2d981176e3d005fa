using Delivery.CiReports;
using static Delivery.Tests.CiReports.CiRuns;

namespace Delivery.Tests.CiReports;

/// <summary>A fixed twelve-run report for the Markdown and HTML tests: failures, a cancellation, matrix legs and a hostile branch name.</summary>
internal static class CiReportSample
{
    public const string HostileBranch = "<script>alert('x')</script>";

    public static CiReport Create()
    {
        var runs = new List<CiRun>();
        for (var number = 1; number <= 12; number++)
        {
            var conclusion = number switch
            {
                4 or 9 => "failure",
                7 => "cancelled",
                _ => "success",
            };
            var arm = 8 + (number * 0.25); // the arm64 leg grows slower run by run
            runs.Add(Run(number, conclusion, 12 + (number % 3),
                Job("Test and secret scan", number == 4 ? "failure" : "success", 4, number == 4 ? ["Test"] : []),
                Job("Image (linux/amd64)", "success", 6 + (number % 2)),
                Job("Image (linux/arm64)", number == 9 ? "failure" : conclusion == "cancelled" ? "cancelled" : "success", arm, number == 9 ? ["ImageTest"] : []),
                Job("Publish", conclusion == "success" ? "success" : "skipped", 3)));
        }

        runs[10] = runs[10] with { Branch = HostileBranch, Event = "pull_request" };
        return CiReportCalculator.Compute("acme/gateway", "docker-build.yml", 12, runs, new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
    }
}
