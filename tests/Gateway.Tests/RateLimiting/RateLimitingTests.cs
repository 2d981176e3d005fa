using System.Net;
using Gateway.Tests.Infrastructure;
using static Gateway.Tests.Infrastructure.TestCredentials;

namespace Gateway.Tests.RateLimiting;

/// <summary>Rate limits count per validated identity, per client address otherwise; made-up credentials buy nothing.</summary>
public sealed class RateLimitingTests
{
    // Long enough that no window ends while a test runs, so every count below is exact.
    private const string Window = "00:10:00";

    [Test]
    public async Task Rotating_made_up_api_keys_is_limited_like_one_client()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(LimitedRoute(echo, permitLimit: 5)
            .WithApiKey("partner", "the-real-partner-key"));

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            statuses.Add(await gateway.Client.GetStatusAsync("/echo/x", apiKey: $"made-up-{Guid.NewGuid():N}"));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(status => status == HttpStatusCode.OK), Is.EqualTo(5));
            Assert.That(statuses.Count(status => status == HttpStatusCode.TooManyRequests), Is.EqualTo(995));
        }
    }

    [Test]
    public async Task Valid_api_key_gets_a_budget_of_its_own_and_unknown_keys_count_against_the_address()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(LimitedRoute(echo, permitLimit: 2)
            .WithApiKey("partner", "the-real-partner-key"));

        var anonymous = await SendAsync(gateway, 3);
        var partner = await SendAsync(gateway, 3, apiKey: "the-real-partner-key");
        var unknownKey = await SendAsync(gateway, 1, apiKey: "not-a-key");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(partner, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(unknownKey, Is.EqualTo(new[] { HttpStatusCode.TooManyRequests }), "an unknown key shares the exhausted address budget");
        }
    }

    [Test]
    public async Task Jwt_subjects_get_separate_budgets_and_bad_tokens_count_against_the_address()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(LimitedRoute(echo, permitLimit: 1).WithJwt());

        var alice = await SendAsync(gateway, 2, token: Token("alice"));
        var bob = await SendAsync(gateway, 2, token: Token("bob"));
        var anonymous = await SendAsync(gateway, 1);
        var forged = await SendAsync(gateway, 1, token: Token("carol", signingKey: SigningKey.ToUpperInvariant()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(alice, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(bob, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(anonymous, Is.EqualTo(new[] { HttpStatusCode.OK }));
            Assert.That(forged, Is.EqualTo(new[] { HttpStatusCode.TooManyRequests }), "a token that fails validation counts against its address");
        }
    }

    [Test]
    public async Task Client_ip_partitioning_ignores_identity()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(LimitedRoute(echo, permitLimit: 1)
            .Set("Gateway:RateLimiting:Policies:limited:PartitionBy", "ClientIp")
            .WithJwt());

        var alice = await SendAsync(gateway, 1, token: Token("alice"));
        var bob = await SendAsync(gateway, 1, token: Token("bob"));

        Assert.That(alice.Concat(bob), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task Global_limit_caps_the_sum_of_all_clients_but_not_health()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(LimitedRoute(echo, permitLimit: 100)
            .WithJwt()
            .Set("Gateway:RateLimiting:Global:PermitLimit", "3")
            .Set("Gateway:RateLimiting:Global:Window", Window)
            .Route("open", "/open/{**rest}", "echo"));

        var statuses = new List<HttpStatusCode>();
        foreach (var subject in new[] { "alice", "bob", "carol" })
        {
            statuses.AddRange(await SendAsync(gateway, 2, token: Token(subject)));
        }

        var unlimitedRoute = await gateway.Client.GetStatusAsync("/open/x");
        using var live = await gateway.Client.GetAsync("/healthz/live");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(status => status == HttpStatusCode.OK), Is.EqualTo(3));
            Assert.That(statuses.Count(status => status == HttpStatusCode.TooManyRequests), Is.EqualTo(3));
            Assert.That(unlimitedRoute, Is.EqualTo(HttpStatusCode.TooManyRequests), "the global limit covers routes without a policy");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health endpoints are not proxied requests");
        }
    }

    private static GatewaySettings LimitedRoute(TestUpstream echo, int permitLimit) => new GatewaySettings()
        .Set("Gateway:RateLimiting:Policies:limited:PermitLimit", permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("Gateway:RateLimiting:Policies:limited:Window", Window)
        .Route("echo", "/echo/{**rest}", "echo")
        .RouteSetting("echo", "RateLimiterPolicy", "limited")
        .Cluster("echo", echo.Address);

    private static async Task<HttpStatusCode[]> SendAsync(GatewayUnderTest gateway, int count, string? token = null, string? apiKey = null)
    {
        var statuses = new HttpStatusCode[count];
        for (var index = 0; index < count; index++)
        {
            statuses[index] = await gateway.Client.GetStatusAsync("/echo/x", token, apiKey);
        }

        return statuses;
    }
}
