using GitHubStandIn;

namespace Delivery.Tests.Notifications;

/// <summary>What every notification test starts from: a GitHub API stub, a webhook listener and a captured log, fresh per test.</summary>
public abstract class NotificationFixture
{
    private protected GitHubStub Stub { get; private set; } = null!;

    private protected WebhookListener Listener { get; private set; } = null!;

    private protected CapturedLog Captured { get; private set; } = null!;

    [SetUp]
    public async Task StartNotificationParts()
    {
        Stub = await GitHubStub.StartAsync();
        Listener = await WebhookListener.StartAsync();
        Captured = new CapturedLog();
    }

    [TearDown]
    public async Task StopNotificationParts()
    {
        await Listener.DisposeAsync();
        await Stub.DisposeAsync();
    }
}
