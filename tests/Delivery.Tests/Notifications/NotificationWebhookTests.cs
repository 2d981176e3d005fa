using System.Text.Json;
using Delivery.Notifications;
using GitHubStandIn;

namespace Delivery.Tests.Notifications;

/// <summary>The webhook notification, received by a real Kestrel listener as a chat tool would receive it.</summary>
public sealed class NotificationWebhookTests : NotificationFixture
{
    [Test]
    public async Task A_failure_posts_the_failed_status_with_the_targets_commit_run_and_issue()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: 4242), NotificationRuns.TestFailed);

        var payload = Listener.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Text(payload, "status"), Is.EqualTo("failed"));
            Assert.That(Text(payload, "workflow"), Is.EqualTo("Docker build"));
            Assert.That(Text(payload, "ref"), Is.EqualTo("main"));
            Assert.That(Text(payload, "commit"), Is.EqualTo(NotificationRuns.Sha));
            Assert.That(Text(payload, "run_url"), Is.EqualTo(NotificationRuns.RunUrl(4242)));
            Assert.That(payload.GetProperty("failed_targets").EnumerateArray().Select(target => target.GetString()), Is.EqualTo(new[] { "Test" }));
            Assert.That(payload.GetProperty("failed_jobs").EnumerateArray().Select(job => job.GetString()), Is.EqualTo(new[] { "test" }));
            Assert.That(Text(payload, "job"), Is.EqualTo("test"), "the red jobs, not the notify job that sends it");
            Assert.That(Text(payload, "issue_url"), Is.EqualTo($"https://github.com/Acme/Gateway/issues/{Stub.Issues.All.Single().Number}"));
            Assert.That(Text(payload, "text"), Does.Contain("Docker build failed on main (Test)"));
            Assert.That(Captured.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task The_recovery_posts_the_recovered_status_with_the_closed_issue()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: 4242), NotificationRuns.TestFailed);

        await NotifyAsync(NotificationRuns.Environment(runId: 4343), NotificationRuns.Green);

        var recovery = Listener.Received.Last();
        Assert.Multiple(() =>
        {
            Assert.That(Listener.Received, Has.Count.EqualTo(2));
            Assert.That(Text(recovery, "status"), Is.EqualTo("recovered"));
            Assert.That(Text(recovery, "run_url"), Is.EqualTo(NotificationRuns.RunUrl(4343)));
            Assert.That(recovery.GetProperty("failed_targets").GetArrayLength(), Is.Zero);
            Assert.That(recovery.GetProperty("failed_jobs").GetArrayLength(), Is.Zero);
            Assert.That(Text(recovery, "issue_url"), Is.EqualTo($"https://github.com/Acme/Gateway/issues/{Stub.Issues.All.Single().Number}"));
        });
    }

    [Test]
    public async Task A_green_run_with_nothing_to_recover_from_posts_nothing()
    {
        await NotifyAsync(NotificationRuns.Environment(runId: 4343), NotificationRuns.Green);

        Assert.That(Listener.Received, Is.Empty);
    }

    [Test]
    public async Task A_re_run_attempt_links_the_attempt()
    {
        var environment = NotificationRuns.Environment(runId: 4242);
        environment["GITHUB_RUN_ATTEMPT"] = "2";

        await NotifyAsync(environment, NotificationRuns.TestFailed);

        Assert.That(Text(Listener.Received.Single(), "run_url"), Is.EqualTo(NotificationRuns.RunUrl(4242) + "/attempts/2"));
    }

    private Task NotifyAsync(Dictionary<string, string> environment, RunOutcome outcome) =>
        Notifiers.Create(Stub, Captured, new WebhookNotifier(Listener.Url, WebhookNotifier.DefaultTimeout))
            .NotifyAsync(environment, NotificationRuns.Context(environment), outcome);

    private static string? Text(JsonElement payload, string name) => payload.GetProperty(name).GetString();
}
