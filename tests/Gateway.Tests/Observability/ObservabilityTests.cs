using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Observability;

public sealed class ObservabilityTests
{
    [Test]
    public async Task Each_proxied_request_is_logged_once_with_route_cluster_destination_status_and_duration()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));

        using var response = await gateway.Client.GetAsync("/echo/logged");

        var lines = gateway.Logs.Events.Where(logEvent => CapturingSink.Scalar(logEvent, "Path") == "/echo/logged").ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        var line = lines[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(CapturingSink.Scalar(line, "RouteId"), Is.EqualTo("echo"));
            Assert.That(CapturingSink.Scalar(line, "ClusterId"), Is.EqualTo("echo"));
            Assert.That(CapturingSink.Scalar(line, "DestinationId"), Is.EqualTo("d0"));
            Assert.That(CapturingSink.Scalar(line, "StatusCode"), Is.EqualTo("200"));
            Assert.That(double.Parse(CapturingSink.Scalar(line, "ElapsedMilliseconds")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task Metrics_endpoint_on_the_management_port_exposes_request_duration_in_prometheus_format()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));
        using var proxied = await gateway.Client.GetAsync("/echo/x");

        string metrics = string.Empty;
        await Poll.UntilAsync(
            async () =>
            {
                metrics = await gateway.Management.GetStringAsync("/metrics");
                return metrics.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10),
            "request metrics");

        Assert.That(metrics, Does.Contain("http_route=\"/echo/{**rest}\""));
    }
}
