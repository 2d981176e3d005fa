using Delivery.Events;

namespace Delivery.Tests;

/// <summary>GitHub Actions' environment for a run of the Docker build workflow, and the event context the build derives from it.</summary>
internal static class NotificationRuns
{
    public const string Repository = "Acme/Gateway";
    public const string Sha = "860c1904a1ce19322e91ac35af1ab07466440c37";
    /// <summary>The runner name the stub reports for every job: this job, in progress, is the one on it.</summary>
    public const string Runner = "GitHub Actions 1";

    public static Dictionary<string, string> Environment(string eventName = "push", string reference = "refs/heads/main", long runId = 4242, string sha = Sha) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_EVENT_NAME"] = eventName,
        ["GITHUB_REF"] = reference,
        ["GITHUB_SHA"] = sha,
        ["GITHUB_REPOSITORY"] = Repository,
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_WORKFLOW"] = "Docker build",
        ["GITHUB_JOB"] = "test",
        ["GITHUB_RUN_ID"] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["RUNNER_NAME"] = Runner,
    };

    /// <summary>The context as the build resolves it on GitHub Actions (the clone only fills what GitHub left out).</summary>
    public static EventContext Context(IReadOnlyDictionary<string, string> environment) =>
        EventContextResolver.Resolve(GitHubEvent.FromEnvironment(environment), new LocalCheckout(Sha, null, [], null, "main"));

    public static string RunUrl(long runId) => $"https://github.com/{Repository}/actions/runs/{runId}";
}
