using Delivery.CiReports;

namespace Delivery.Tests.CiReports;

/// <summary>Hand-made runs for the CI report's computation: one run a day from 2026-11-01, jobs in minutes.</summary>
internal static class CiRuns
{
    public static readonly DateTimeOffset FirstDay = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static CiRun Run(int number, string conclusion, double minutes, params CiJob[] jobs) =>
        new(10_000 + number, number, "main", "push", conclusion, FirstDay.AddDays(number - 1), TimeSpan.FromMinutes(minutes),
            $"https://github.com/acme/gateway/actions/runs/{10_000 + number}", jobs);

    public static CiJob Job(string name, string conclusion, double minutes, params string[] failedTargets) =>
        new(name, conclusion, TimeSpan.FromMinutes(minutes), failedTargets);
}
