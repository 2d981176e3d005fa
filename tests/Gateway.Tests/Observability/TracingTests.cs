using System.Diagnostics;
using Gateway.Observability;
using Gateway.Tests.Infrastructure;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Observability;

/// <summary>
/// OTLP trace export. The exporting gateway runs as its own process: in this one, the OpenTelemetry listeners would
/// also trace the test's upstream and receiver.
/// </summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task With_the_endpoint_set_a_proxied_request_exports_a_server_and_a_client_span_in_the_callers_trace_and_probes_none()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var echo = await TestUpstream.StartEchoAsync();
        // Active health checks: the gateway's own calls upstream, made on behalf of no request, must not be traced.
        var settings = new GatewaySettings().Route("echo", "/echo/{**rest}", "echo").Cluster("echo", echo.Address)
            .ClusterSetting("echo", "HealthCheck:Active:Enabled", "true")
            .ClusterSetting("echo", "HealthCheck:Active:Interval", "00:00:00.200")
            .ClusterSetting("echo", "HealthCheck:Active:Path", "/healthz");
        using var gateway = GatewayProcess.Start(
            ["--urls", "http://127.0.0.1:0", .. settings.AsArguments()],
            environment: new Dictionary<string, string>
            {
                [TracingSettings.EndpointVariable] = receiver.Endpoint.ToString(),
                // Export every 100 ms instead of every 5 s.
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            });
        var port = await gateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        await Poll.UntilAsync(
            async () => (await client.GetStringAsync(new Uri($"http://127.0.0.1:{gateway.ManagementPort}/healthz"))).Contains("1/1 destinations healthy", StringComparison.Ordinal),
            Patience,
            "an active health check to reach the upstream");

        // Probes and scrapes first: had they made spans, those would be exported before the request's.
        foreach (var probe in new[] { $"http://127.0.0.1:{port}/healthz/ready", $"http://127.0.0.1:{port}/healthz/live", $"http://127.0.0.1:{gateway.ManagementPort}/healthz", $"http://127.0.0.1:{gateway.ManagementPort}/metrics" })
        {
            using var answer = await client.GetAsync(new Uri(probe));
            Assert.That(answer.IsSuccessStatusCode, Is.True, $"{probe}: {answer.StatusCode}");
        }

        var caller = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/echo/traced"));
        request.Headers.Add("traceparent", $"00-{caller.TraceId}-{caller.SpanId}-01");
        using var response = await client.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, response.StatusCode.ToString());
        var echoed = await EchoReply.ReadAsync(response);

        var traceId = caller.TraceId.ToHexString();
        await Poll.UntilAsync(
            () => receiver.Spans.Count(span => span.TraceId == traceId) >= 2,
            Patience,
            $"a server and a client span of trace {traceId}; received {Describe(receiver)}{Environment.NewLine}{gateway.Output}");
        // Shutting down flushes whatever is still batched, so the check for probe spans below sees everything.
        gateway.SendSigTerm();
        Assert.That(await gateway.WaitForExitAsync(Patience), Is.True, "the gateway did not stop");

        var spans = receiver.Spans;
        Assert.That(spans, Has.Count.EqualTo(2), $"only the proxied request's spans, no probe, scrape or health check: {Describe(receiver)}");
        var server = spans.Single(span => span.Kind == OtlpSpanKind.Server);
        var upstream = spans.Single(span => span.Kind == OtlpSpanKind.Client);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(receiver.Requests, Is.All.StartsWith($"POST {OtlpReceiver.TracesPath} application/x-protobuf"));
            Assert.That(server.TraceId, Is.EqualTo(traceId));
            Assert.That(server.ParentSpanId, Is.EqualTo(caller.SpanId.ToHexString()), "the server span continues the caller's span");
            Assert.That(server.Name, Is.EqualTo("GET /echo/{**rest}"));
            Assert.That(server.ServiceName, Is.EqualTo(TracingSettings.DefaultServiceName));
            Assert.That(upstream.TraceId, Is.EqualTo(traceId));
            Assert.That(upstream.ParentSpanId, Is.EqualTo(server.SpanId), "the upstream call is a child of the server span");
            Assert.That(echoed.Headers["traceparent"].Split('-')[2], Is.EqualTo(upstream.SpanId), "the upstream's parent is the recorded client span");
            Assert.That(upstream.Attributes.GetValueOrDefault("url.full"), Is.EqualTo(new Uri(echo.Address, "echo/traced").ToString()));
        }
    }

    // The empty value also shields the test from an OTEL_EXPORTER_OTLP_ENDPOINT in the runner's environment.
    [TestCase("", false)]
    [TestCase(" ", false)]
    [TestCase("http://127.0.0.1:4318", true)]
    public async Task A_tracer_provider_is_registered_only_with_an_endpoint(string endpoint, bool registered)
    {
        await using var app = GatewayUnderTest.Build(new GatewaySettings().Set(TracingSettings.EndpointVariable, endpoint));

        Assert.That(app.Services.GetService<TracerProvider>(), registered ? Is.Not.Null : Is.Null);
    }

    [Test]
    public async Task Without_the_endpoint_nothing_is_exported_even_where_a_signal_specific_endpoint_points()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var echo = await TestUpstream.StartEchoAsync();
        var settings = new GatewaySettings().Route("echo", "/echo/{**rest}", "echo").Cluster("echo", echo.Address);
        // An exporter registered regardless of OTEL_EXPORTER_OTLP_ENDPOINT would send here.
        using var gateway = GatewayProcess.Start(
            ["--urls", "http://127.0.0.1:0", .. settings.AsArguments()],
            environment: new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(receiver.Endpoint, OtlpReceiver.TracesPath).ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = TracingSettings.HttpProtobuf,
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            });
        var port = await gateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/echo/untraced"));
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        using var response = await client.SendAsync(request);

        gateway.SendSigTerm();
        Assert.That(await gateway.WaitForExitAsync(Patience), Is.True, "the gateway did not stop");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.IsSuccessStatusCode, Is.True, response.StatusCode.ToString());
            Assert.That(receiver.Requests, Is.Empty);
        }
    }

    private static string Describe(OtlpReceiver receiver) =>
        string.Join(Environment.NewLine, receiver.Spans.Select(span => $"{span.Kind} {span.Name} trace {span.TraceId} parent {span.ParentSpanId} ({span.Scope})"));
}
