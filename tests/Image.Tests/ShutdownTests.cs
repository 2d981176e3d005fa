using System.Net;
using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>SIGTERM (docker stop): the gateway drains and exits 0 well within the engine's grace period.</summary>
[TestFixture]
[Category("Image")]
public sealed class ShutdownTests
{
    private const int GraceSeconds = 10;
    private static readonly TimeSpan UpstreamDelay = TimeSpan.FromSeconds(3);

    [Test]
    public async Task StopsWithinTheGracePeriodWithExitCodeZero()
    {
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway);
        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        var stopping = await gateway.StopAsync(GraceSeconds);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopping, Is.LessThan(TimeSpan.FromSeconds(GraceSeconds)), "docker stop took the whole grace period: SIGTERM was not honoured");
            Assert.That(await gateway.InspectAsync("{{.State.ExitCode}}"), Is.EqualTo("0"), await gateway.LogsAsync());
        }
    }

    [Test]
    public async Task CompletesAnInFlightRequestWhileDraining()
    {
        await using var upstream = await SlowUpstream.StartAsync(UpstreamDelay);
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway, GatewayRoutes.To("slow", "/slow/{**rest}", upstream.Address));
        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        var inFlight = LoopbackHttp.Client.GetAsync(gateway.Url("/slow/request"));
        await upstream.RequestArrived.WaitAsync(Emulation.Scale(TimeSpan.FromSeconds(30), gateway.IsEmulated));
        var stopping = await gateway.StopAsync(GraceSeconds);
        using var response = await inFlight;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(SlowUpstream.Reply));
            Assert.That(stopping, Is.LessThan(TimeSpan.FromSeconds(GraceSeconds)));
            Assert.That(await gateway.InspectAsync("{{.State.ExitCode}}"), Is.EqualTo("0"), await gateway.LogsAsync());
        }
    }
}
