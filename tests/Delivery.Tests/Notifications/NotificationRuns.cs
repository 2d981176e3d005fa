using Delivery.Events;
using Delivery.Notifications;

namespace Delivery.Tests.Notifications;

/// <summary>
/// GitHub Actions' environment for the notify job of a run of the Docker build workflow, the event context the build
/// derives from it, and the run's outcomes as the notify job reads them.
/// </summary>
internal static class NotificationRuns
{
    public const string Repository = "Acme/Gateway";
    public const string Sha = "860c1904a1ce19322e91ac35af1ab07466440c37";

    public static Dictionary<string, string> Environment(string eventName = "push", string reference = "refs/heads/main", long runId = 4242, string sha = Sha) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_EVENT_NAME"] = eventName,
        ["GITHUB_REF"] = reference,
        ["GITHUB_SHA"] = sha,
        ["GITHUB_REPOSITORY"] = Repository,
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_WORKFLOW"] = "Docker build",
        ["GITHUB_JOB"] = "notify",
        ["GITHUB_RUN_ID"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GITHUB_RUN_ATTEMPT"] = "1",
    };

    /// <summary>The context as the build resolves it on GitHub Actions (the clone only fills what GitHub left out).</summary>
    public static EventContext Context(IReadOnlyDictionary<string, string> environment) =>
        EventContextResolver.Resolve(GitHubEvent.FromEnvironment(environment), new LocalCheckout(Sha, null, [], null, "main"));

    public static string RunUrl(long runId) => $"https://github.com/{Repository}/actions/runs/{runId}";

    /// <summary>The unit tests failed; the jobs after the test job were skipped for it.</summary>
    public static RunOutcome TestFailed { get; } = new(
    [
        new JobOutcome("test", JobOutcome.Failure, [new FailedTarget("Test", "1 unit test(s) failed; see artifacts/test-results/unit/ for the TRX files.")]),
        new JobOutcome("image", JobOutcome.Skipped, []),
        new JobOutcome("publish", JobOutcome.Skipped, []),
    ]);

    /// <summary>Every job succeeded.</summary>
    public static RunOutcome Green { get; } = new(
    [
        new JobOutcome("test", JobOutcome.Success, []),
        new JobOutcome("image", JobOutcome.Success, []),
        new JobOutcome("publish", JobOutcome.Success, []),
    ]);
}
