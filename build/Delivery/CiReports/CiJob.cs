namespace Delivery.CiReports;

/// <summary>
/// One job of a run under its own name (a matrix leg keeps its leg's name, "Image (linux/arm64)"). The duration
/// is completed_at − started_at, null when GitHub has no completion time. <paramref name="FailedTargets"/> are the
/// build targets its check-run annotations name as failed.
/// </summary>
public sealed record CiJob(string Name, string Conclusion, TimeSpan? Duration, IReadOnlyList<string> FailedTargets)
{
    public RunOutcome Outcome => RunOutcomes.Of(Conclusion);

    /// <summary>It ran to a verdict: skipped jobs did not run, and cancelled ones stopped at an arbitrary point.</summary>
    public bool RanToVerdict => Outcome is RunOutcome.Succeeded or RunOutcome.Failed;
}
