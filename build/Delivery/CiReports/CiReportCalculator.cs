namespace Delivery.CiReports;

/// <summary>
/// The report's figures from the runs, without any I/O: the tally and success rate, run durations, per-job
/// durations, failures and trends, and the targets that fail most.
/// </summary>
public static class CiReportCalculator
{
    public static CiReport Compute(string repository, string workflow, int runsRequested, IReadOnlyList<CiRun> runs, DateTimeOffset generated)
    {
        // Oldest first: the order of the chart, and the split into an older and a newer half.
        var chronological = runs.OrderBy(run => run.Started).ThenBy(run => run.Number).ToList();
        var (older, newer) = Halves(chronological);

        var jobs = JobNames(chronological)
            .Select(name => Figures(name, chronological, older, newer))
            .ToList();
        var slowest = jobs
            .Select(job => job.Trend)
            .OfType<JobTrend>()
            .Where(trend => trend.ChangePercent > 0)
            .OrderByDescending(trend => trend.ChangePercent)
            .ThenBy(trend => trend.Job, StringComparer.Ordinal)
            .FirstOrDefault();

        return new CiReport(
            repository,
            workflow,
            generated,
            runsRequested,
            Tally(chronological),
            DurationSummary.Of([.. chronological.Select(run => run.Duration.TotalSeconds)]),
            [.. chronological.Select(run => new RunPoint(run.Id, run.Number, run.Started, run.Duration.TotalSeconds, run.Conclusion, run.Branch, run.Event, run.Url))],
            jobs,
            FailingTargets(chronological),
            chronological.SelectMany(run => run.Jobs).Count(job => job.Outcome == RunOutcome.Failed && job.FailedTargets.Count == 0),
            slowest);
    }

    /// <summary>
    /// The older and the newer half of the window, by run: ⌊n/2⌋ runs each; with an odd count the middle run
    /// belongs to neither, so both halves weigh the same.
    /// </summary>
    internal static (IReadOnlyList<CiRun> Older, IReadOnlyList<CiRun> Newer) Halves(IReadOnlyList<CiRun> chronological)
    {
        var half = chronological.Count / 2;
        return ([.. chronological.Take(half)], [.. chronological.TakeLast(half)]);
    }

    private static RunTally Tally(IReadOnlyList<CiRun> runs) => new(
        runs.Count(run => run.Outcome == RunOutcome.Succeeded),
        runs.Count(run => run.Outcome == RunOutcome.Failed),
        runs.Count(run => run.Outcome == RunOutcome.Cancelled),
        runs.Count(run => run.Outcome == RunOutcome.Other));

    /// <summary>Every job name, in the workflow's order as the newest run that has it lists it.</summary>
    private static IEnumerable<string> JobNames(IReadOnlyList<CiRun> chronological) =>
        chronological.AsEnumerable().Reverse().SelectMany(run => run.Jobs).Select(job => job.Name).Distinct(StringComparer.Ordinal);

    private static JobFigures Figures(string name, IReadOnlyList<CiRun> runs, IReadOnlyList<CiRun> older, IReadOnlyList<CiRun> newer)
    {
        var legs = runs.SelectMany(run => run.Jobs).Where(job => job.Name == name).ToList();
        var ran = legs.Count(job => job.Conclusion != "skipped");
        var failed = legs.Count(job => job.Outcome == RunOutcome.Failed);

        var olderDurations = Durations(name, older);
        var newerDurations = Durations(name, newer);
        var trend = olderDurations.Count > 0 && newerDurations.Count > 0
            ? new JobTrend(name, Percentiles.Median(olderDurations), Percentiles.Median(newerDurations))
            : null;
        return new JobFigures(name, ran, failed, DurationSummary.Of(Durations(name, runs)), trend);
    }

    /// <summary>Seconds of the job's legs that reached a verdict; a cancelled or skipped leg's time means nothing.</summary>
    private static List<double> Durations(string name, IReadOnlyList<CiRun> runs) =>
    [
        .. runs.SelectMany(run => run.Jobs)
            .Where(job => job.Name == name && job.RanToVerdict && job.Duration is not null)
            .Select(job => job.Duration!.Value.TotalSeconds),
    ];

    /// <summary>Most failures first; on a tie the one seen last first.</summary>
    private static List<FailingTarget> FailingTargets(IReadOnlyList<CiRun> chronological) =>
    [
        .. chronological
            .SelectMany(run => run.Jobs
                .Where(job => job.Outcome == RunOutcome.Failed)
                .SelectMany(job => job.FailedTargets.Distinct(StringComparer.Ordinal).Select(target => (Target: target, Job: job.Name, Run: run))))
            .GroupBy(failure => failure.Target, StringComparer.Ordinal)
            .Select(group =>
            {
                var last = group.Last().Run;
                return new FailingTarget(group.Key, group.Count(), [.. group.Select(failure => failure.Job).Distinct(StringComparer.Ordinal)],
                    last.Number, last.Started, last.Url);
            })
            .OrderByDescending(target => target.Failures)
            .ThenByDescending(target => target.LastSeen)
            .ThenBy(target => target.Target, StringComparer.Ordinal),
    ];
}
