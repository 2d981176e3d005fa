using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

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
    public async Task Traceparent_is_propagated_upstream_and_returned_in_the_same_trace()
    {
        const string TraceId = "0af7651916cd43dd8448eb211c80319c";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Add("traceparent", $"00-{TraceId}-b7ad6b7169203331-01");

        using var response = await _gateway.Client.SendAsync(request);
        var echoed = await EchoReply.ReadAsync(response);

        var upstream = echoed.Headers["traceparent"].Split('-');
        var returned = response.Headers.GetValues("traceparent").Single().Split('-');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upstream[1], Is.EqualTo(TraceId));
            Assert.That(upstream[2], Is.Not.EqualTo("b7ad6b7169203331"), "the gateway's own span must be the upstream's parent");
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

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/echo/x");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        return request;
    }
}
