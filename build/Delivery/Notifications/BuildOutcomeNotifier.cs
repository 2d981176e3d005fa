using Delivery.Events;
using Serilog;

namespace Delivery.Notifications;

/// <summary>
/// Tells people how a run ended: the failure issue on GitHub and, if configured, a webhook. Run by the workflow's last
/// job, which knows every other job's result (<see cref="RunOutcome"/>). Decides first whether this run notifies at all
/// (<see cref="NotificationRule"/>). Never throws: a notification that fails is a warning saying that the run's own
/// result stands, so it can neither hide a failure nor turn a green run red.
/// </summary>
public sealed class BuildOutcomeNotifier(Func<Task<FailureIssueNotifier>> issues, WebhookNotifier? webhook, ILogger log)
{
    public async Task NotifyAsync(IReadOnlyDictionary<string, string> environment, EventContext context, RunOutcome outcome)
    {
        var decision = NotificationRule.Decide(environment, context);
        if (!decision.Notify)
        {
            log.Information("No failure notification: {Reason}", decision.Reason);
            return;
        }

        if (CiRun.From(environment, context) is not { } run)
        {
            Warn(outcome, "skipped: GITHUB_RUN_ID or GITHUB_REPOSITORY is not set, so there is no run to link to");
            return;
        }

        log.Debug("Failure notification for {Reason}", decision.Reason);
        if (outcome.IsRed)
        {
            var issueUrl = await AttemptAsync(outcome, "could not open or comment on the failure issue", async () => await (await issues()).ReportFailureAsync(run, outcome.RedJobs));
            await SendWebhookAsync(outcome, WebhookPayload.ForFailure(run, outcome.RedJobs, issueUrl));
        }
        else if (outcome.IsGreen)
        {
            var closedIssue = await AttemptAsync(outcome, "could not close the failure issue", async () => await (await issues()).ReportRecoveryAsync(run));
            // Only a recovery from a known failure is news; a green run after a green run says nothing.
            if (closedIssue is not null)
            {
                await SendWebhookAsync(outcome, WebhookPayload.ForRecovery(run, closedIssue));
            }
        }
        else
        {
            log.Information("No failure notification: no job of the run succeeded or failed (all skipped), so it proves nothing either way");
        }
    }

    private async Task SendWebhookAsync(RunOutcome outcome, WebhookPayload payload)
    {
        if (webhook is null)
        {
            return;
        }

        await AttemptAsync(outcome, "could not send the webhook", async () =>
        {
            await webhook.SendAsync(payload);
            log.Information("Sent the '{Status}' notification to the webhook", payload.Status);
            return "";
        });
    }

    private async Task<string?> AttemptAsync(RunOutcome outcome, string what, Func<Task<string?>> notify)
    {
        try
        {
            return await notify();
        }
        catch (Exception exception)
        {
            Warn(outcome, $"{what}: {exception.Message}");
            return null;
        }
    }

    private void Warn(RunOutcome outcome, string problem) =>
        log.Warning("Build notification {Problem}. The run's own result ({Outcome}) stands; only the notification is missing.",
            problem.TrimEnd('.'), outcome.IsRed ? "failed" : "succeeded");
}
