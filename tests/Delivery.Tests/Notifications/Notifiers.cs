using Delivery.GitHub;
using Delivery.Notifications;
using Delivery.Tests.Resilience;
using GitHubStandIn;

namespace Delivery.Tests.Notifications;

/// <summary>The build's notifier wired to the GitHub API stub, with retries that do not wait.</summary>
internal static class Notifiers
{
    public const string Token = "ghs_notifyTestToken0123456789abcdef";

    public static GitHubRetry ImmediateRetry { get; } = new(Serilog.Core.Logger.None) { Time = new FakeClock() };

    public static BuildOutcomeNotifier Create(GitHubStub stub, CapturedLog log, WebhookNotifier? webhook = null) =>
        Create(stub.BaseUrl, log, webhook);

    public static BuildOutcomeNotifier Create(Uri apiUrl, CapturedLog log, WebhookNotifier? webhook = null) =>
        new(() => Task.FromResult(new FailureIssueNotifier(
                GitHubApi.CreateClient(Token, apiUrl), new GitHubRepository("Acme", "Gateway"), "build-failure", ImmediateRetry, log.Logger)),
            webhook, log.Logger);
}
