using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Management;

/// <summary>
/// The public port serves proxy routes and status-only health; the management port serves /metrics and the health
/// detail and no proxy route. Which is which follows the connection's local port, never the Host header.
/// </summary>
public sealed class ManagementPortTests
{
    private const string ClusterId = "secret-cluster-id";
    private TestUpstream _echo = null!;
    private GatewayUnderTest _gateway = null!;

    [OneTimeSetUp]
    public async Task StartGateway()
    {
        _echo = await TestUpstream.StartEchoAsync();
        _gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/echo/{**rest}", ClusterId)
            .Cluster(ClusterId, _echo.Address)
            .Route("dead", "/dead/{**rest}", "dead-cluster")
            .Cluster("dead-cluster", Loopback.DeadDestination())
            .ClusterSetting("dead-cluster", "HealthCheck:Passive:Enabled", "true")
            .ClusterSetting("dead-cluster", "HealthCheck:Passive:ReactivationPeriod", "00:05:00")
            .Set("Gateway:PassiveHealth:MinimalTotalCountThreshold", "1"));
    }

    [OneTimeTearDown]
    public async Task StopGateway()
    {
        await _gateway.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Test]
    public async Task Metrics_answer_404_on_the_public_port_and_request_and_cluster_metrics_on_the_management_port()
    {
        using var proxied = await _gateway.Client.GetAsync("/echo/x");
        using var publicMetrics = await _gateway.Client.GetAsync("/metrics");

        var metrics = string.Empty;
        await Poll.UntilAsync(
            async () =>
            {
                metrics = await _gateway.Management.GetStringAsync("/metrics");
                return metrics.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10),
            "request metrics on the management port");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(proxied.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(publicMetrics.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(metrics, Does.Match($@"gateway_cluster_destinations_healthy\{{[^}}]*cluster=""{ClusterId}""[^}}]*\}} 1\b"));
            Assert.That(metrics, Does.Match($@"gateway_cluster_destinations\{{[^}}]*cluster=""{ClusterId}""[^}}]*\}} 1\b"));
        }
    }

    [TestCase("/metrics")]
    [TestCase("/healthz")]
    public async Task A_spoofed_management_Host_header_on_the_public_port_still_gets_404(string path)
    {
        var managementPort = _gateway.Management.BaseAddress!.Port;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"127.0.0.1:{managementPort}";

        using var response = await _gateway.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Proxy_routes_answer_404_on_the_management_port()
    {
        using var onManagement = await _gateway.Management.GetAsync("/echo/x");
        using var onPublic = await _gateway.Client.GetAsync("/echo/x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(onManagement.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(onPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase("/healthz/live")]
    [TestCase("/healthz/ready")]
    public async Task Public_health_answers_a_status_word_and_no_detail(string path)
    {
        // A failed request ejects the dead cluster's only destination: the upstreams check turns Degraded, with detail to leak.
        using var dead = await _gateway.Client.GetAsync("/dead/x");
        await Poll.UntilAsync(
            async () => (await _gateway.Management.GetStringAsync("/healthz")).Contains("0/1 destinations healthy", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the dead cluster to be reported");
        using var response = await _gateway.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        using var detail = await _gateway.Management.GetAsync(path);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body, Is.EqualTo("Healthy"), "one word: no check names, cluster ids, addresses or reasons");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(detail.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(detail.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        }
    }

    [Test]
    public async Task Full_report_names_every_check_on_the_management_port_only()
    {
        using var onPublic = await _gateway.Client.GetAsync("/healthz");
        using var onManagement = await _gateway.Management.GetAsync("/healthz");
        var report = await onManagement.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(onPublic.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await onPublic.Content.ReadAsStringAsync(), Does.Not.Contain(ClusterId));
            Assert.That(onManagement.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(report, Does.Contain("\"configuration\"").And.Contain("\"upstreams\"").And.Contain(ClusterId));
        }
    }
}
