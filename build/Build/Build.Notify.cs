using BuildEngine;
using Delivery.GitHub;
using Delivery.Notifications;
using Tooling;

/// <summary>
/// Failure notification (docs/operations.md#failure-notification): the docker-build workflow's last job, which runs
/// after every other job whatever became of them, runs Notify with their results. A red push run of the default branch
/// or a tag opens (or comments on) a GitHub issue and calls an optional webhook; the next green one closes the issue.
/// A notification that cannot be delivered is a warning: it never changes the run's result.
/// </summary>
partial class Build
{
    [Parameter("Label that marks the build-failure issues (created by GitHub on first use). Default: build-failure.")]
    readonly string NotifyLabel = "build-failure";

    [Parameter("Incoming-webhook URL (Slack, Teams, Mattermost, …) that receives a JSON POST when a CI run of the default branch or a tag fails, and when it recovers.")]
    [Secret]
    readonly string? NotifyWebhookUrl;

    [Parameter("Notify: the workflow's other jobs and their results, as GitHub Actions' needs context in JSON; the generated notify job passes ${{ toJSON(needs) }}.")]
    readonly string? Needs;

    /// <summary>Where the notify job downloads every job's build metrics: one folder per job (and matrix leg).</summary>
    AbsolutePath JobMetricsDirectory => ArtifactsDirectory / "jobs";

    Target Notify => _ => _
        .Description("Opens, comments on or closes the build-failure issue from CI's job results.")
        .Requires(() => Needs)
        .UsesParameter(() => NotifyWebhookUrl)
        .WritePermissions(GitHubPermission.Issues)
        .Executes(async () =>
        {
            var outcome = RunOutcome.Read(Needs!, JobMetricsDirectory);
            foreach (var job in outcome.Jobs)
            {
                Log.Information("Job {Job}: {Result}{Targets}", job.Job, job.Result,
                    job.FailedTargets.Count > 0 ? $" (failed: {string.Join(", ", job.FailedTargets.Select(target => target.Leg is { } leg ? $"{target.Name} on {leg}" : target.Name))})" : "");
            }

            foreach (var artefact in outcome.UnreadableMetrics)
            {
                Log.Warning("{File} in {Artefact} is not build metrics as the build writes them; its job's failed targets are left out of the notification.",
                    RunOutcome.MetricsFileName, artefact);
            }

            var notifier = new BuildOutcomeNotifier(CreateFailureIssueNotifierAsync, WebhookOrNone(), Log);
            await notifier.NotifyAsync(EnvironmentVariables, await EventContext, outcome);
        });

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
        new(GitHubApiClient, await GitHubRepositoryAsync(), NotifyLabel, new GitHubRetry(Log), Log);
}
