using System.Diagnostics;
using System.Net;
using Gateway.Tests.Infrastructure;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests;

public sealed class UpstreamHealthTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Test]
    public async Task Unreachable_destination_fails_fast_with_502_then_503_once_ejected()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(PassiveHealth(new GatewaySettings())
            .Route("down", "/down/{**rest}", "down")
            .Cluster("down", Loopback.DeadDestination())
            // YARP's default "HealthyOrPanic" keeps trying unhealthy destinations when none is healthy.
            .ClusterSetting("down", "HealthCheck:AvailableDestinationsPolicy", "HealthyAndUnknown"));

        var stopwatch = Stopwatch.StartNew();
        using var first = await gateway.Client.GetAsync("/down/x");
        var firstElapsed = stopwatch.Elapsed;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(firstElapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
        }

        await Poll.UntilAsync(
            async () => (await gateway.Client.GetAsync("/down/x")).StatusCode == HttpStatusCode.ServiceUnavailable,
            Patience,
            "503 once the only destination is ejected");
    }

    [Test]
    public async Task Passive_health_ejects_a_dead_destination_and_traffic_goes_to_the_live_one()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(PassiveHealth(new GatewaySettings())
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address, Loopback.DeadDestination())
            .ClusterSetting("echo", "LoadBalancingPolicy", "RoundRobin"));
        var proxyState = gateway.App.Services.GetRequiredService<IProxyStateLookup>();

        await Poll.UntilAsync(
            async () =>
            {
                using var _ = await gateway.Client.GetAsync("/echo/x");
                return DeadDestinationHealth(proxyState) == DestinationHealth.Unhealthy;
            },
            Patience,
            "passive health to mark the dead destination unhealthy");

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 6; attempt++)
        {
            using var response = await gateway.Client.GetAsync("/echo/x");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readiness_follows_active_health_checks_of_destinations()
    {
        var healthy = true;
        await using var upstream = await TestUpstream.StartAsync(app =>
            app.MapGet("/healthz", () => Volatile.Read(ref healthy) ? Results.Ok() : Results.StatusCode(503)));
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("api", "/api/{**rest}", "api")
            .Cluster("api", upstream.Address)
            .ClusterSetting("api", "HealthCheck:Active:Enabled", "true")
            .ClusterSetting("api", "HealthCheck:Active:Interval", "00:00:00.200")
            .ClusterSetting("api", "HealthCheck:Active:Timeout", "00:00:01")
            .ClusterSetting("api", "HealthCheck:Active:Policy", "ConsecutiveFailures")
            .ClusterSetting("api", "HealthCheck:Active:Path", "/healthz")
            .ClusterSetting("api", "Metadata:ConsecutiveFailuresHealthPolicy.Threshold", "1"));

        await WaitForReadinessAsync(gateway, HttpStatusCode.OK);
        Volatile.Write(ref healthy, false);
        await WaitForReadinessAsync(gateway, HttpStatusCode.ServiceUnavailable);
        Volatile.Write(ref healthy, true);
        await WaitForReadinessAsync(gateway, HttpStatusCode.OK);

        using var live = await gateway.Client.GetAsync("/healthz/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static Task WaitForReadinessAsync(GatewayUnderTest gateway, HttpStatusCode expected) =>
        Poll.UntilAsync(
            async () =>
            {
                using var response = await gateway.Client.GetAsync("/healthz/ready");
                return response.StatusCode == expected;
            },
            Patience,
            $"/healthz/ready to answer {(int)expected}");

    private static GatewaySettings PassiveHealth(GatewaySettings settings) => settings
        .Set("Gateway:PassiveHealth:MinimalTotalCountThreshold", "1")
        .Set("Gateway:PassiveHealth:DefaultFailureRateLimit", "0.3")
        .Set("ReverseProxy:Clusters:down:HealthCheck:Passive:Enabled", "true")
        .Set("ReverseProxy:Clusters:down:HealthCheck:Passive:ReactivationPeriod", "00:05:00")
        .Set("ReverseProxy:Clusters:echo:HealthCheck:Passive:Enabled", "true")
        .Set("ReverseProxy:Clusters:echo:HealthCheck:Passive:ReactivationPeriod", "00:05:00");

    private static DestinationHealth DeadDestinationHealth(IProxyStateLookup proxyState) =>
        proxyState.TryGetCluster("echo", out var cluster) ? cluster.Destinations["d1"].Health.Passive : DestinationHealth.Unknown;
}
