namespace Delivery.CiReports;

/// <summary>
/// One completed workflow run as the report sees it. <paramref name="Conclusion"/> is GitHub's spelling
/// (success, failure, cancelled, timed_out, …); the duration is from the run's start to its last update.
/// </summary>
public sealed record CiRun(
    long Id,
    int Number,
    string Branch,
    string Event,
    string Conclusion,
    DateTimeOffset Started,
    TimeSpan Duration,
    string Url,
    IReadOnlyList<CiJob> Jobs)
{
    public RunOutcome Outcome => RunOutcomes.Of(Conclusion);
}
