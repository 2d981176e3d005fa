using BuildEngine;
using Delivery.GitHub;
using Delivery.Notifications;

/// <summary>
/// Failure notification (docs/operations.md): on CI, a failed run of the default branch or a tag opens (or comments
/// on) a GitHub issue and calls an optional webhook; the next fully green run closes the issue. It never changes
/// the build's result.
/// </summary>
partial class Build
{
    [Parameter("Label that marks the build-failure issues (created by GitHub on first use). Default: build-failure.")]
    readonly string NotifyLabel = "build-failure";

    [Parameter("Incoming-webhook URL (Slack, Teams, Mattermost, …) that receives a JSON POST when a CI run of the default branch or a tag fails, and when it recovers.")]
    [Secret]
    readonly string? NotifyWebhookUrl;

    // GitHub's retries (back-off, a rate-limit reset up to two minutes away) and the webhook's timeout fit in this;
    // beyond it the build ends without waiting, since OnBuildFinished must not hold the job hostage.
    static readonly TimeSpan NotificationTimeout = TimeSpan.FromMinutes(3);

    partial void NotifyBuildOutcome(bool succeeded)
    {
        // BuildOutcomeNotifier catches its own errors; what escapes (the event context, read before it runs) is
        // turned into a warning by OnBuildFinished, like any failure of a finishing step.
        if (!Task.Run(NotifyAsync).Wait(NotificationTimeout))
        {
            Log.Warning("Build notification did not finish within {Minutes:0} min and was abandoned. The build's own result ({Outcome}) stands.",
                NotificationTimeout.TotalMinutes, succeeded ? "succeeded" : "failed");
        }

        async Task NotifyAsync()
        {
            if (!IsServerBuild)
            {
                return; // a developer's red build is no one else's news; also spares the local run a git query
            }

            var webhook = WebhookOrNone();
            var notifier = new BuildOutcomeNotifier(CreateFailureIssueNotifierAsync, webhook, Log) { IsFinalJob = IsFinalWorkflowJob };
            await notifier.NotifyAsync(CurrentEnvironment, await EventContext, succeeded, FailedTarget.FromPlan(ExecutionPlan));
        }
    }

    /// <summary>The webhook, if one is set and usable; a malformed URL costs the webhook only, never the issue.</summary>
    WebhookNotifier? WebhookOrNone()
    {
        if (string.IsNullOrEmpty(NotifyWebhookUrl))
        {
            return null;
        }

        if (Uri.TryCreate(NotifyWebhookUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
        {
            return new WebhookNotifier(url, WebhookNotifier.DefaultTimeout);
        }

        // The URL itself is a secret (chat webhooks carry their token in it): named, never quoted.
        Log.Warning("--notify-webhook-url is not an absolute http(s) URL; no webhook is sent. The failure issue is unaffected.");
        return null;
    }

    async Task<FailureIssueNotifier> CreateFailureIssueNotifierAsync() =>
        new(GitHubApiClient, await GitHubRepositoryAsync(), NotifyLabel, GitHubRetry.Default, Log);
}
