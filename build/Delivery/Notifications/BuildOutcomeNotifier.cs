using Delivery.Events;
using Serilog;

namespace Delivery.Notifications;

/// <summary>
/// Tells people about a finished build: the failure issue on GitHub and, if configured, a webhook. Decides first
/// whether this run notifies at all (<see cref="NotificationRule"/>). Never throws: a notification that fails is a
/// warning saying that the build's own result stands, so it can neither hide a failure nor fail a green build.
/// </summary>
public sealed class BuildOutcomeNotifier(Func<Task<FailureIssueNotifier>> issues, WebhookNotifier? webhook, ILogger log)
{
    /// <summary>Whether the job with this id (GITHUB_JOB) is one no other job needs; unknown: every job is.</summary>
    public Func<string, bool> IsFinalJob { get; init; } = _ => true;

    public async Task NotifyAsync(IReadOnlyDictionary<string, string> environment, EventContext context, bool succeeded, IReadOnlyList<FailedTarget> failedTargets)
    {
        var decision = NotificationRule.Decide(environment, context);
        if (!decision.Notify)
        {
            log.Debug("No failure notification: {Reason}", decision.Reason);
            return;
        }

        if (CiRun.From(environment, context) is not { } run)
        {
            Warn(succeeded, "skipped: GITHUB_RUN_ID or GITHUB_REPOSITORY is not set, so there is no run to link to");
            return;
        }

        run = run with { IsFinalJob = IsFinalJob(run.Job) };
        log.Debug("Failure notification for {Reason}", decision.Reason);
        if (succeeded)
        {
            var closedIssue = await AttemptAsync(succeeded, "could not close the failure issue", async () => await (await issues()).ReportRecoveryAsync(run));
            // Only a recovery from a known failure is news; a green run after a green run says nothing.
            if (closedIssue is not null)
            {
                await SendWebhookAsync(succeeded, WebhookPayload.ForRecovery(run, closedIssue));
            }
        }
        else
        {
            var issueUrl = await AttemptAsync(succeeded, "could not open or comment on the failure issue", async () => await (await issues()).ReportFailureAsync(run, failedTargets));
            await SendWebhookAsync(succeeded, WebhookPayload.ForFailure(run, failedTargets, issueUrl));
        }
    }

    private async Task SendWebhookAsync(bool succeeded, WebhookPayload payload)
    {
        if (webhook is null)
        {
            return;
        }

        await AttemptAsync(succeeded, "could not send the webhook", async () =>
        {
            await webhook.SendAsync(payload);
            log.Information("Sent the '{Status}' notification to the webhook", payload.Status);
            return "";
        });
    }

    private async Task<string?> AttemptAsync(bool succeeded, string what, Func<Task<string?>> notify)
    {
        try
        {
            return await notify();
        }
        catch (Exception exception)
        {
            Warn(succeeded, $"{what}: {exception.Message}");
            return null;
        }
    }

    private void Warn(bool succeeded, string problem) =>
        log.Warning("Build notification {Problem}. The build's own result ({Outcome}) stands; only the notification is missing.",
            problem.TrimEnd('.'), succeeded ? "succeeded" : "failed");
}
