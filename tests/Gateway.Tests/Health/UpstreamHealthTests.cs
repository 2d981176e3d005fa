using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests.Health;

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
    public async Task Upstreams_check_follows_active_health_checks_while_readiness_stays_200()
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

        await WaitForUpstreamsAsync(gateway, "Healthy", "1/1 destinations healthy");
        Volatile.Write(ref healthy, false);
        await WaitForUpstreamsAsync(gateway, "Degraded", "0/1 destinations healthy");
        using var readyWhileDegraded = await gateway.Client.GetAsync("/healthz/ready");
        using var managementReadyWhileDegraded = await gateway.Management.GetAsync("/healthz/ready");
        Volatile.Write(ref healthy, true);
        await WaitForUpstreamsAsync(gateway, "Healthy", "1/1 destinations healthy");

        using var live = await gateway.Client.GetAsync("/healthz/live");
        using (Assert.EnterMultipleScope())
        {
            // Readiness never follows the upstreams: a dead backend must not take the gateway out of the load balancer.
            Assert.That(readyWhileDegraded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await readyWhileDegraded.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
            Assert.That(managementReadyWhileDegraded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await managementReadyWhileDegraded.Content.ReadAsStringAsync(), Does.Not.Contain("upstreams"));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    // The acceptance: one dead and one live upstream; the gateway stays ready and only the dead route fails.
    [Test]
    public async Task Dead_upstream_degrades_only_its_cluster_and_readiness_stays_200()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("live", "/live/{**rest}", "live-cluster")
            .Cluster("live-cluster", echo.Address)
            .Route("dead", "/dead/{**rest}", "dead-cluster")
            .Cluster("dead-cluster", Loopback.DeadDestination())
            .ClusterSetting("dead-cluster", "HealthCheck:Passive:Enabled", "true")
            .ClusterSetting("dead-cluster", "HealthCheck:Passive:ReactivationPeriod", "00:05:00")
            .Set("Gateway:PassiveHealth:MinimalTotalCountThreshold", "1"));

        using var dead = await gateway.Client.GetAsync("/dead/x");
        using var live = await gateway.Client.GetAsync("/live/x");
        var report = await WaitForUpstreamsAsync(gateway, "Degraded", "0/1 destinations healthy");
        using var ready = await gateway.Client.GetAsync("/healthz/ready");

        var upstreams = report.GetProperty("checks").GetProperty("upstreams");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(dead.StatusCode, Is.AnyOf(HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable));
            Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(upstreams.GetProperty("description").GetString(), Does.Contain("dead-cluster").And.Not.Contain("live-cluster"));
            Assert.That(upstreams.GetProperty("data").GetProperty("dead-cluster").GetString(), Is.EqualTo("0/1 destinations healthy"));
            Assert.That(upstreams.GetProperty("data").GetProperty("live-cluster").GetString(), Is.EqualTo("1/1 destinations healthy"));
            Assert.That(report.GetProperty("checks").GetProperty("configuration").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        }
    }

    /// <summary>Polls the management port's full report until the <c>upstreams</c> check has <paramref name="status"/> and mentions <paramref name="detail"/>.</summary>
    private static async Task<JsonElement> WaitForUpstreamsAsync(GatewayUnderTest gateway, string status, string detail)
    {
        var report = default(JsonElement);
        await Poll.UntilAsync(
            async () =>
            {
                using var response = await gateway.Management.GetAsync("/healthz");
                var body = await response.Content.ReadAsStringAsync();
                using var document = JsonDocument.Parse(body);
                report = document.RootElement.Clone();
                var upstreams = report.GetProperty("checks").GetProperty("upstreams");
                return response.StatusCode == HttpStatusCode.OK && upstreams.GetProperty("status").GetString() == status && upstreams.GetRawText().Contains(detail, StringComparison.Ordinal);
            },
            Patience,
            $"the upstreams check to be {status} ({detail})");
        return report;
    }

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
