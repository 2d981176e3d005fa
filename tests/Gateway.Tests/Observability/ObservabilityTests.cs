using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Observability;

public sealed class ObservabilityTests
{
    [Test]
    public async Task Each_proxied_request_is_logged_once_with_route_cluster_destination_status_and_duration()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Gateway:LogFormat", "Json")
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/logged");
        request.Headers.Add("X-Request-Id", "logged-request");
        using var response = await gateway.Client.SendAsync(request);

        var line = await AccessLineAsync(gateway, "/echo/logged");
        var properties = line.RootElement.EnumerateObject().ToList();
        var value = properties.ToDictionary(property => property.Name, property => property.Value);
        var traceparent = response.Headers.GetValues("traceparent").Single().Split('-');
        using (Assert.EnterMultipleScope())
        {
            // The keys, in the order log pipelines have seen them since the line was a Serilog event.
            Assert.That(properties.Select(property => property.Name), Is.EqualTo(new[]
            {
                "@t", "@m", "@i", "@tr", "@sp", "Method", "Path", "RouteId", "ClusterId", "DestinationId", "DestinationAddress",
                "StatusCode", "ElapsedMilliseconds", "ProxyError", "EventId", "SourceContext", "RequestId", "RequestPath", "ConnectionId",
            }));
            Assert.That(value["@m"].GetString(), Does.Match("^\"GET\" \"/echo/logged\" via route \"echo\" to cluster \"echo\" destination \"d0\" \\(\".+\"\\) answered 200 in [0-9]+\\.[0-9] ms \\(proxy error: \"None\"\\)$"));
            Assert.That(value["@tr"].GetString(), Is.EqualTo(traceparent[1]), "the trace the caller was given");
            Assert.That(value["@sp"].GetString(), Is.EqualTo(traceparent[2]), "the gateway's span the caller was given");
            Assert.That(value["RouteId"].GetString(), Is.EqualTo("echo"));
            Assert.That(value["ClusterId"].GetString(), Is.EqualTo("echo"));
            Assert.That(value["DestinationId"].GetString(), Is.EqualTo("d0"));
            Assert.That(value["DestinationAddress"].GetString(), Is.EqualTo(echo.Address.ToString()));
            Assert.That(value["StatusCode"].GetInt32(), Is.EqualTo(200));
            Assert.That(value["ElapsedMilliseconds"].GetDouble(), Is.GreaterThan(0));
            Assert.That(value["EventId"].GetProperty("Id").GetInt32(), Is.EqualTo(2001));
            Assert.That(value["SourceContext"].GetString(), Is.EqualTo("Gateway.Observability.ProxiedRequestLoggingMiddleware"));
            Assert.That(value["RequestId"].GetString(), Is.EqualTo("logged-request"));
            Assert.That(value["RequestPath"].GetString(), Is.EqualTo("/echo/logged"));
            Assert.That(value["ConnectionId"].GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task A_serilog_level_override_for_the_access_log_category_silences_only_the_access_log()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Serilog:MinimumLevel:Override:Gateway.Observability.ProxiedRequestLoggingMiddleware", "Warning")
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));
        try
        {
            using var response = await gateway.Client.GetAsync("/echo/silenced");
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        }
        finally
        {
            // Disposing the host writes every line still queued, so an access line would be in the output by now.
            await gateway.DisposeAsync();
        }

        var output = gateway.Output.Lines();
        Assert.That(output, Has.Some.Contains("Application started"), "other lines are still written");
        Assert.That(output, Has.None.Contains("/echo/silenced"));
    }

    [Test]
    public async Task Access_lines_are_text_like_every_other_line_when_the_format_is_text()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Gateway:LogFormat", "Text")
            .Route("echo", "/echo/{**rest}", "echo")
            .Cluster("echo", echo.Address));

        using var response = await gateway.Client.GetAsync("/echo/text");

        await Poll.UntilAsync(() => gateway.Output.Lines().Any(line => line.Contains("/echo/text", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "no access line for /echo/text");
        Assert.That(gateway.Output.Lines().Single(line => line.Contains("/echo/text", StringComparison.Ordinal)), Does.Match(
            "^\\[[0-9]{2}:[0-9]{2}:[0-9]{2} INF\\] Gateway.Observability.ProxiedRequestLoggingMiddleware: GET /echo/text via route echo to cluster echo destination d0 \\(http://127.0.0.1:[0-9]+/\\) answered 200 in [0-9]+\\.[0-9] ms \\(proxy error: None\\)$"));
    }

    /// <summary>The one JSON access line for <paramref name="path"/>, once the log writer has written it.</summary>
    private static async Task<JsonDocument> AccessLineAsync(GatewayUnderTest gateway, string path)
    {
        string[] lines = [];
        await Poll.UntilAsync(
            () =>
            {
                lines = [.. gateway.Output.Lines().Where(line => line.Contains($"\"Path\":\"{path}\"", StringComparison.Ordinal))];
                return lines.Length > 0;
            },
            TimeSpan.FromSeconds(10),
            $"no access line for {path}");
        Assert.That(lines, Has.Length.EqualTo(1), "one line per request");
        return JsonDocument.Parse(lines[0]);
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
