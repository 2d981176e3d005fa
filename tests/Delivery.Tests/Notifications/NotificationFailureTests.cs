using System.Net;
using System.Net.Sockets;
using Delivery.Notifications;
using GitHubStandIn;

namespace Delivery.Tests.Notifications;

/// <summary>
/// A notification that cannot be delivered is a warning saying the run's result stands, never an exception;
/// the token and the webhook URL never reach the log.
/// </summary>
public sealed class NotificationFailureTests : NotificationFixture
{
    [Test]
    public async Task GitHub_failing_with_5xx_after_every_retry_is_a_warning_and_the_webhook_still_goes_out()
    {
        Stub.Faults.Add("GET", "/issues", FaultKind.ServerError, times: 100);

        await NotifyAsync(Notifiers.Create(Stub, Captured, Webhook()), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(Captured.Warnings, Has.Some.Contains("could not open or comment on the failure issue").And.Contains("kept failing"));
            Assert.That(Captured.Warnings, Has.All.Contains("The run's own result (failed) stands"));
            Assert.That(Stub.Issues.All, Is.Empty);
            Assert.That(Listener.Received.Single().GetProperty("issue_url").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task An_unreachable_API_is_a_warning()
    {
        await NotifyAsync(Notifiers.Create(new Uri($"http://127.0.0.1:{UnusedPort()}/"), Captured), NotificationRuns.TestFailed);

        Assert.That(Captured.Warnings, Has.One.Contains("unreachable").And.Contains("The run's own result (failed) stands"));
    }

    [Test]
    public async Task An_unreachable_API_on_a_green_run_is_a_warning_too()
    {
        await NotifyAsync(Notifiers.Create(new Uri($"http://127.0.0.1:{UnusedPort()}/"), Captured), NotificationRuns.Green);

        Assert.That(Captured.Warnings, Has.One.Contains("could not close the failure issue").And.Contains("The run's own result (succeeded) stands"));
    }

    [Test]
    public async Task A_rate_limit_is_waited_out_and_the_issue_opened()
    {
        Stub.Faults.Add("POST", "/issues", FaultKind.RateLimit, times: 1);

        await NotifyAsync(Notifiers.Create(Stub, Captured), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(Stub.Issues.All, Has.Count.EqualTo(1));
            Assert.That(Stub.Requests.Matching("POST", "/api/v3/repos/Acme/Gateway/issues"), Has.Count.EqualTo(2));
            Assert.That(Captured.Warnings, Is.Empty);
        });
    }

    [Test]
    public async Task Opening_the_issue_is_not_retried_after_a_5xx_since_GitHub_may_have_opened_it()
    {
        Stub.Faults.Add("POST", "/issues", FaultKind.ServerError, times: 1);

        await NotifyAsync(Notifiers.Create(Stub, Captured), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(Stub.Requests.Matching("POST", "/api/v3/repos/Acme/Gateway/issues"), Has.Count.EqualTo(1));
            Assert.That(Captured.Warnings, Has.One.Contains("not retried, since GitHub may have done it anyway"));
        });
    }

    [Test]
    public async Task A_webhook_answering_500_is_a_warning_and_the_issue_is_still_opened()
    {
        Listener.Status = 500;

        await NotifyAsync(Notifiers.Create(Stub, Captured, Webhook()), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(Stub.Issues.All, Has.Count.EqualTo(1));
            Assert.That(Captured.Warnings, Has.One.Contains("could not send the webhook: The webhook answered 500"));
        });
    }

    [Test]
    public async Task A_webhook_that_does_not_answer_in_time_is_a_warning()
    {
        Listener.Delay = TimeSpan.FromSeconds(5);

        await NotifyAsync(Notifiers.Create(Stub, Captured, new WebhookNotifier(Listener.Url, TimeSpan.FromMilliseconds(300))), NotificationRuns.TestFailed);

        Assert.That(Captured.Warnings, Has.One.Contains("did not answer within"));
    }

    [Test]
    public async Task An_unreachable_webhook_is_a_warning_without_its_URL()
    {
        var url = new Uri($"http://127.0.0.1:{UnusedPort()}/hooks/{WebhookListener.Token}");

        await NotifyAsync(Notifiers.Create(Stub, Captured, new WebhookNotifier(url, WebhookNotifier.DefaultTimeout)), NotificationRuns.TestFailed);

        Assert.That(Captured.Warnings, Has.One.Contains("The webhook is unreachable"));
    }

    [Test]
    public async Task Neither_the_token_nor_the_webhook_URL_is_ever_logged()
    {
        Listener.Status = 500;
        Stub.Faults.Add("POST", "/comments", FaultKind.ServerError, times: 100);
        await NotifyAsync(Notifiers.Create(Stub, Captured, Webhook()), NotificationRuns.TestFailed);
        await NotifyAsync(Notifiers.Create(Stub, Captured, Webhook()), NotificationRuns.TestFailed);

        Assert.Multiple(() =>
        {
            Assert.That(Captured.All, Is.Not.Empty);
            Assert.That(Captured.All, Has.None.Contains(Notifiers.Token));
            Assert.That(Captured.All, Has.None.Contains(WebhookListener.Token));
            Assert.That(Captured.All, Has.None.Contains("/hooks/"));
        });
    }

    private WebhookNotifier Webhook() => new(Listener.Url, WebhookNotifier.DefaultTimeout);

    private static Task NotifyAsync(BuildOutcomeNotifier notifier, RunOutcome outcome)
    {
        var environment = NotificationRuns.Environment();
        return notifier.NotifyAsync(environment, NotificationRuns.Context(environment), outcome);
    }

    private Socket refusing = null!;

    /// <summary>
    /// A loopback port bound but never listening for the whole test: connections to it are refused, and no other
    /// server can take it meanwhile (a port merely released could be reused by a parallel test's server).
    /// </summary>
    [SetUp]
    public void BindARefusingPort()
    {
        refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    [TearDown]
    public void ReleaseTheRefusingPort() => refusing.Dispose();

    private int UnusedPort() => ((IPEndPoint)refusing.LocalEndPoint!).Port;
}
