using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class StartupValidationTests
{
    [TestCase("Gateway:RateLimiting:Policies:api:PermitLimit", "0", "Gateway:RateLimiting:Policies:api:PermitLimit")]
    [TestCase("Gateway:MaxRequestBodySize", "-1", "Gateway:MaxRequestBodySize")]
    [TestCase("Gateway:Cors:Policies:web:AllowedOrigins:0", "not an origin", "Gateway:Cors:Policies:web:AllowedOrigins")]
    [TestCase("Gateway:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "Gateway:ForwardedHeaders:KnownNetworks:0")]
    [TestCase("Gateway:Authorization:Policies:admins:RequiredClaims:role:0", "admin", "Gateway:Jwt")]
    [TestCase("Gateway:RateLimiting:Policies:api:PermitLimt", "5", "PermitLimt")]
    [TestCase("Gateway:ManagementPort", "0", "Gateway:ManagementPort must be a TCP port")]
    [TestCase("Gateway:ManagementPort", "65536", "Gateway:ManagementPort must be a TCP port")]
    [TestCase("Gateway:ManagementPort", "eighty", "Gateway:ManagementPort")]
    public async Task Invalid_gateway_option_stops_start_up_naming_the_key(string key, string value, string expectedInMessage)
    {
        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(new GatewaySettings().Set(key, value)));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain(expectedInMessage));
    }

    [Test]
    public async Task Management_port_equal_to_the_public_port_stops_start_up_naming_the_key()
    {
        var port = Loopback.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Added after the command line's --urls, so it replaces the dynamic port.
        var settings = new GatewaySettings().Set("urls", $"http://127.0.0.1:{port}").Set("Gateway:ManagementPort", port);

        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(settings));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain($"Gateway:ManagementPort must differ from the public port(s)").And.Contain(port));
    }

    [Test]
    public async Task Invalid_route_stops_start_up_naming_the_route()
    {
        var settings = new GatewaySettings()
            .Set("ReverseProxy:Routes:orders:ClusterId", "orders")
            .Cluster("orders", new Uri("http://127.0.0.1:9/"));

        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(settings));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain("Route 'orders'"));
    }

    [Test]
    public async Task Missing_mounted_config_file_stops_start_up_naming_the_key()
    {
        var settings = new GatewaySettings().Set("Gateway:ConfigFile", "/nonexistent/gateway.json");

        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(settings));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain("Gateway:ConfigFile"));
    }

    // Options are validated while the pipeline is built (middleware resolve them) or at the latest on start.
    private static async Task BuildAndStartAsync(GatewaySettings settings)
    {
        await using var app = GatewayUnderTest.Build(settings);
        await app.StartAsync();
        await app.StopAsync();
    }
}
