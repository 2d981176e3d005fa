using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;
using static Gateway.Tests.Infrastructure.TestCredentials;

namespace Gateway.Tests;

public sealed class PolicyTests
{
    [Test]
    public async Task Slow_upstream_gets_504_when_the_route_timeout_expires()
    {
        await using var slow = await TestUpstream.StartAsync(app =>
            app.MapGet("/slow", async (CancellationToken aborted) => await Task.Delay(Timeout.Infinite, aborted)));
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Gateway:Timeouts:Policies:fast", "00:00:00.300")
            .Route("slow", "/slow", "slow")
            .RouteSetting("slow", "TimeoutPolicy", "fast")
            .Cluster("slow", slow.Address));

        var stopwatch = Stopwatch.StartNew();
        using var response = await gateway.Client.GetAsync("/slow");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        }
    }

    [Test]
    public async Task Client_over_its_rate_limit_gets_429_with_retry_after()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .Set("Gateway:RateLimiting:Policies:tight:PermitLimit", "2")
            .Set("Gateway:RateLimiting:Policies:tight:Window", "00:01:00")
            .Route("echo", "/echo/{**rest}", "echo")
            .RouteSetting("echo", "RateLimiterPolicy", "tight")
            .Cluster("echo", echo.Address));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            last?.Dispose();
            last = await gateway.Client.GetAsync("/echo/x");
            statuses.Add(last.StatusCode);
        }

        var retryAfter = int.Parse(last!.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        last.Dispose();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(retryAfter, Is.InRange(1, 60));
        }
    }

    [Test]
    public async Task Routes_enforce_their_authorization_policy()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .WithJwt()
            .Set("Gateway:Authorization:Policies:admins:RequiredClaims:role:0", "admin")
            .Route("open", "/open/{**rest}", "echo")
            .Route("users", "/users/{**rest}", "echo")
            .RouteSetting("users", "AuthorizationPolicy", "default")
            .Route("admin", "/admin/{**rest}", "echo")
            .RouteSetting("admin", "AuthorizationPolicy", "admins")
            .Cluster("echo", echo.Address));
        var userToken = Token("tester", role: "user");
        var adminToken = Token("tester", role: "admin");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await gateway.Client.GetStatusAsync("/open/x"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await gateway.Client.GetStatusAsync("/users/x"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await gateway.Client.GetStatusAsync("/users/x", userToken), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await gateway.Client.GetStatusAsync("/admin/x"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await gateway.Client.GetStatusAsync("/admin/x", userToken), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await gateway.Client.GetStatusAsync("/admin/x", adminToken), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await gateway.Client.GetStatusAsync("/admin/x", Token("tester", role: "admin", signingKey: TestCredentials.SigningKey.ToUpperInvariant())), Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }

    [Test]
    public async Task Api_keys_authenticate_callers_for_policies_that_accept_them()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
            .WithJwt()
            .WithApiKey("partner", "partner-key-1")
            .Set("Gateway:Authorization:Policies:partners:Schemes:0", "ApiKey")
            .Set("Gateway:Authorization:Policies:partners:RequiredClaims:api_client:0", "partner")
            .Route("users", "/users/{**rest}", "echo")
            .RouteSetting("users", "AuthorizationPolicy", "default")
            .Route("partners", "/partners/{**rest}", "echo")
            .RouteSetting("partners", "AuthorizationPolicy", "partners")
            .Cluster("echo", echo.Address));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await gateway.Client.GetStatusAsync("/users/x", apiKey: "partner-key-1"), Is.EqualTo(HttpStatusCode.OK), "default accepts either scheme");
            Assert.That(await gateway.Client.GetStatusAsync("/partners/x", apiKey: "partner-key-1"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await gateway.Client.GetStatusAsync("/partners/x", apiKey: "made-up-key"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await gateway.Client.GetStatusAsync("/partners/x", apiKey: "PARTNER-KEY-1"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await gateway.Client.GetStatusAsync("/partners/x", token: Token("partner")), Is.EqualTo(HttpStatusCode.Unauthorized), "the policy accepts API keys only");
        }
    }

    [Test]
    public async Task Body_over_the_limit_gets_413_and_never_reaches_the_upstream()
    {
        await using var route = await UploadRoute.StartAsync(maxRequestBodySize: 1024);

        using var tooLarge = await route.Gateway.Client.PostAsync("/upload", new ByteArrayContent(new byte[2048]));
        using var small = await route.Gateway.Client.PostAsync("/upload", new ByteArrayContent(new byte[512]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            // The gateway closes the connection after a refused body; a client must not pool it
            // (its next request would race the server's FIN and fail with "response ended prematurely").
            Assert.That(tooLarge.Headers.ConnectionClose, Is.True);
            Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(route.UpstreamCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Client_still_uploading_a_body_far_over_the_limit_receives_the_413()
    {
        await using var route = await UploadRoute.StartAsync(maxRequestBodySize: 1024);

        // HttpClient sends the whole body before it reads the response: unless the gateway drains the refused
        // body, the connection is reset under the upload and the caller never sees the 413.
        using var tooLarge = await route.Gateway.Client.PostAsync("/upload", new ByteArrayContent(new byte[4 * 1024 * 1024]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(route.UpstreamCalls, Is.Zero);
        }
    }

    /// <summary>The gateway with a body limit in front of an upstream that counts the uploads reaching it.</summary>
    private sealed class UploadRoute : IAsyncDisposable
    {
        private int upstreamCalls;
        private TestUpstream upstream = null!;

        public GatewayUnderTest Gateway { get; private set; } = null!;

        public int UpstreamCalls => Volatile.Read(ref upstreamCalls);

        public static async Task<UploadRoute> StartAsync(long maxRequestBodySize)
        {
            var route = new UploadRoute();
            route.upstream = await TestUpstream.StartAsync(app => app.MapPost("/upload", () =>
            {
                Interlocked.Increment(ref route.upstreamCalls);
                return Results.Ok();
            }));
            try
            {
                route.Gateway = await GatewayUnderTest.StartAsync(new GatewaySettings()
                    .Set("Gateway:MaxRequestBodySize", maxRequestBodySize.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Route("upload", "/upload", "upload")
                    .Cluster("upload", route.upstream.Address));
                return route;
            }
            catch
            {
                await route.upstream.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await upstream.DisposeAsync();
        }
    }
}
