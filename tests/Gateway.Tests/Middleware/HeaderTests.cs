using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Middleware;

public sealed class HeaderTests
{
    private TestUpstream _echo = null!;
    private GatewayUnderTest _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _echo = await TestUpstream.StartEchoAsync();
        _gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Route("echo", "/echo/{**rest}", "echo", pathRemovePrefix: "/echo")
            .Cluster("echo", _echo.Address));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateway.DisposeAsync();
        await _echo.DisposeAsync();
    }

    [Test]
    public async Task Upstream_receives_forwarded_headers()
    {
        var echoed = await EchoReply.ReadAsync(await _gateway.Client.GetAsync("/echo/x"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoed.Headers["X-Forwarded-For"], Is.EqualTo("127.0.0.1"));
            Assert.That(echoed.Headers["X-Forwarded-Proto"], Is.EqualTo("http"));
            Assert.That(echoed.Headers["X-Forwarded-Host"], Is.EqualTo(_gateway.Client.BaseAddress!.Authority));
        }
    }

    [Test]
    public async Task Client_address_from_a_trusted_proxy_is_forwarded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var echoed = await EchoReply.ReadAsync(await _gateway.Client.SendAsync(request));

        Assert.That(echoed.Headers["X-Forwarded-For"], Is.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task Forwarded_host_is_ignored_by_default()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("X-Forwarded-Host", "evil.example.com");

        var echoed = await EchoReply.ReadAsync(await _gateway.Client.SendAsync(request));

        Assert.That(echoed.Headers["X-Forwarded-Host"], Is.EqualTo(_gateway.Client.BaseAddress!.Authority));
    }

    [Test]
    public async Task Forwarded_host_is_honoured_only_when_enabled_and_in_allowed_hosts()
    {
        await using var gateway = await StartEchoGatewayAsync(new GatewaySettings()
            .Set("Gateway:ForwardedHeaders:ForwardHost", "true")
            .Set("AllowedHosts", "api.example.com;127.0.0.1"));

        var allowed = await EchoReply.ReadAsync(await gateway.Client.SendAsync(WithForwardedHost("api.example.com")));
        var other = await EchoReply.ReadAsync(await gateway.Client.SendAsync(WithForwardedHost("evil.example.com")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allowed.Headers["X-Forwarded-Host"], Is.EqualTo("api.example.com"));
            Assert.That(other.Headers["X-Forwarded-Host"], Is.EqualTo(gateway.Client.BaseAddress!.Authority));
        }
    }

    [Test]
    public async Task Hsts_is_sent_only_when_enabled_and_only_for_forwarded_https()
    {
        await using var gateway = await StartEchoGatewayAsync(new GatewaySettings()
            .Set("Gateway:Hsts:Enabled", "true")
            .Set("Gateway:Hsts:MaxAge", "180.00:00:00")
            .Set("Gateway:Hsts:IncludeSubDomains", "true"));

        using var forwardedHttps = await gateway.Client.SendAsync(PublicRequest(forwardedProto: "https"));
        using var plainHttp = await gateway.Client.SendAsync(PublicRequest(forwardedProto: null));
        using var disabled = await _gateway.Client.SendAsync(PublicRequest(forwardedProto: "https"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(forwardedHttps.Headers.GetValues("Strict-Transport-Security").Single(), Is.EqualTo("max-age=15552000; includeSubDomains"));
            Assert.That(plainHttp.Headers.Contains("Strict-Transport-Security"), Is.False);
            Assert.That(disabled.Headers.Contains("Strict-Transport-Security"), Is.False, "HSTS is off by default");
        }
    }

    [Test]
    public async Task Request_id_is_generated_when_absent_and_sent_both_ways()
    {
        using var response = await _gateway.Client.GetAsync("/echo/x");
        var echoed = await EchoReply.ReadAsync(response);

        var returned = response.Headers.GetValues("X-Request-Id").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(returned, Is.Not.Empty);
            Assert.That(echoed.Headers["X-Request-Id"], Is.EqualTo(returned));
        }
    }

    [Test]
    public async Task Request_id_from_the_caller_is_kept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("X-Request-Id", "caller-id-123");

        using var response = await _gateway.Client.SendAsync(request);
        var echoed = await EchoReply.ReadAsync(response);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("caller-id-123"));
            Assert.That(echoed.Headers["X-Request-Id"], Is.EqualTo("caller-id-123"));
        }
    }

    [Test]
    public async Task Unsafe_request_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "bad id with spaces");

        using var response = await _gateway.Client.SendAsync(request);

        Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Is.Not.EqualTo("bad id with spaces"));
    }

    [Test]
    public async Task Traceparent_is_propagated_upstream_as_a_child_of_the_span_returned_to_the_caller()
    {
        const string TraceId = "0af7651916cd43dd8448eb211c80319c";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");
        request.Headers.Add("tracestate", "vendor=opaque");

        using var response = await _gateway.Client.SendAsync(request);
        var echoed = await EchoReply.ReadAsync(response);

        var upstream = echoed.Headers["traceparent"].Split('-');
        var returned = response.Headers.GetValues("traceparent").Single().Split('-');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upstream[1], Is.EqualTo(TraceId));
            Assert.That(upstream[2], Is.Not.EqualTo("b7ad6b7169203331"), "the gateway's own span must be the upstream's parent");
            // Tracing is off here: no client span is made only to be named in the header (UpstreamTraceContext).
            Assert.That(upstream[2], Is.EqualTo(returned[2]), "the upstream's parent is the span the caller got back");
            Assert.That(echoed.Headers["tracestate"], Is.EqualTo("vendor=opaque"), "the caller's tracestate travels with the trace");
            Assert.That(returned[1], Is.EqualTo(TraceId));
        }
    }

    [Test]
    public async Task Security_headers_are_added_to_responses()
    {
        using var response = await _gateway.Client.GetAsync("/echo/x");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.Contains("Server"), Is.False);
        }
    }

    [Test]
    public async Task Cors_preflight_is_answered_only_for_allowed_origins()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Gateway:Cors:Policies:web:AllowedOrigins:0", "https://app.example.com")
            .Route("echo", "/echo/{**rest}", "echo")
            .RouteSetting("echo", "CorsPolicy", "web")
            .Cluster("echo", _echo.Address));

        using var allowed = await gateway.Client.SendAsync(Preflight("https://app.example.com"));
        using var refused = await gateway.Client.SendAsync(Preflight("https://evil.example.com"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allowed.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://app.example.com"));
            Assert.That(refused.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        }
    }

    /// <summary>Another gateway in front of the shared echo upstream, with <paramref name="settings"/> on top.</summary>
    private Task<GatewayUnderTest> StartEchoGatewayAsync(GatewaySettings settings) => GatewayUnderTest.StartAsync(settings
        .Route("echo", "/echo/{**rest}", "echo", pathRemovePrefix: "/echo")
        .Cluster("echo", _echo.Address));

    private static HttpRequestMessage WithForwardedHost(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("X-Forwarded-Host", host);
        return request;
    }

    /// <summary>A request as a TLS-terminating proxy on loopback forwards it (ASP.NET never sends HSTS to a localhost Host).</summary>
    private static HttpRequestMessage PublicRequest(string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Host = "api.example.com";
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/echo/x");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return request;
    }
}
