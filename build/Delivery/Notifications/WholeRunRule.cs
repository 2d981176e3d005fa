namespace Delivery.Notifications;

/// <summary>
/// When a green build may close the failure issue: a workflow has several jobs and each runs the build, so one job
/// succeeding says little. The rule: every job of the run has completed with success or skipped, except this job
/// itself, which is still running while it asks. This job is the one unfinished job, in progress on this runner
/// (RUNNER_NAME, when the runner is known). Any failed, cancelled or timed-out job, or any other job still queued or
/// running, keeps the issue open; the last job to finish sees the others done and closes it.
/// </summary>
public static class WholeRunRule
{
    public static RunVerdict Evaluate(IReadOnlyList<JobState> jobs, string? thisRunner)
    {
        if (jobs.FirstOrDefault(job => job.IsCompleted && !job.IsGreen) is { } red)
        {
            return new RunVerdict(false, $"job '{red.Name}' ended {red.Conclusion ?? "without a conclusion"}");
        }

        var unfinished = jobs.Where(job => !job.IsCompleted).ToList();
        return unfinished switch
        {
            [] => new RunVerdict(true, "every job of the run succeeded"),
            [var only] when IsThisJob(only, thisRunner) => new RunVerdict(true, "every other job of the run succeeded"),
            _ => new RunVerdict(false, $"unfinished jobs (this one may be among them): {string.Join(", ", unfinished.Select(job => $"'{job.Name}' ({job.Status})"))}"),
        };
    }

    private static bool IsThisJob(JobState job, string? thisRunner) =>
        job.Status == "in_progress" && (thisRunner is null || job.RunnerName is null || job.RunnerName == thisRunner);
}
