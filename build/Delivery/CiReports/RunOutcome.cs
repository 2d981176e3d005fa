namespace Delivery.CiReports;

/// <summary>What a run's or job's conclusion means for the success rate.</summary>
public enum RunOutcome
{
    Succeeded,

    /// <summary>failure, timed_out and startup_failure: the build did not get through.</summary>
    Failed,

    /// <summary>
    /// Not counted in the success rate: a cancelled run was mostly superseded by a newer push (concurrency) or
    /// stopped by a person, and says nothing about whether the build works.
    /// </summary>
    Cancelled,

    /// <summary>skipped, neutral, stale, action_required: no verdict either; not counted.</summary>
    Other,
}

public static class RunOutcomes
{
    public static RunOutcome Of(string conclusion) => conclusion switch
    {
        "success" => RunOutcome.Succeeded,
        "failure" or "timed_out" or "startup_failure" => RunOutcome.Failed,
        "cancelled" => RunOutcome.Cancelled,
        _ => RunOutcome.Other,
    };
}
