using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Configuration;

public sealed class StartupValidationTests
{
    // SHA-256 of "key": a well-formed digest for settings that need one.
    private const string Digest = "2c70e12b7a0646f92279f427c7b38e7334d8e5389cff167a1dc30e73f826b683";

    [TestCase("Gateway:RateLimiting:Policies:api:PermitLimit", "0", "Gateway:RateLimiting:Policies:api:PermitLimit")]
    [TestCase("Gateway:MaxRequestBodySize", "-1", "Gateway:MaxRequestBodySize")]
    [TestCase("Gateway:Cors:Policies:web:AllowedOrigins:0", "not an origin", "Gateway:Cors:Policies:web:AllowedOrigins")]
    [TestCase("Gateway:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "Gateway:ForwardedHeaders:KnownNetworks:0")]
    [TestCase("Gateway:Authorization:Policies:admins:RequiredClaims:role:0", "admin", "Gateway:Jwt")]
    [TestCase("Gateway:RateLimiting:Policies:api:PermitLimt", "5", "PermitLimt")]
    [TestCase("Gateway:ManagementPort", "0", "Gateway:ManagementPort must be a TCP port")]
    [TestCase("Gateway:ManagementPort", "65536", "Gateway:ManagementPort must be a TCP port")]
    [TestCase("Gateway:ManagementPort", "eighty", "Gateway:ManagementPort")]
    [TestCase("Gateway:MaxRequstBodySize", "1024", "Gateway:MaxRequstBodySize is not a known setting")]
    [TestCase("Gateway:RateLimits:Policies:api:PermitLimit", "5", "Gateway:RateLimits is not a known setting")]
    [TestCase("Gateway:RateLimiting:Global:PermitLimit", "0", "Gateway:RateLimiting:Global:PermitLimit")]
    [TestCase("Gateway:RateLimiting:Policies:api:ApiKeyHeader", "X-Key", "Gateway:ApiKeys:Header")]
    [TestCase("Gateway:RateLimiting:Policies:api:PartitionBy", "ApiKey", "Gateway:ApiKeys:Clients")]
    [TestCase("Gateway:ApiKeys:Clients:partner:Sha256", "abc", "Gateway:ApiKeys:Clients:partner:Sha256 must be the 64 hex digits")]
    [TestCase("Gateway:ApiKeys:Header", "X Api Key", "Gateway:ApiKeys:Header")]
    [TestCase("Gateway:Authorization:Policies:partners:Schemes:0", "Cookie", "Gateway:Authorization:Policies:partners:Schemes contains 'Cookie'")]
    [TestCase("Gateway:Hsts:MaxAge", "00:00:00", "Gateway:Hsts:MaxAge")]
    [TestCase("Gateway:Hsts:Preload", "true", "Gateway:Hsts:Preload needs Gateway:Hsts:IncludeSubDomains")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT", "otel-collector:4318", "OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http:// or https:// URI")]
    [TestCase("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://otel-collector:4318", "such as http://otel-collector:4318 (was 'ftp://otel-collector:4318')")]
    public async Task Invalid_gateway_option_stops_start_up_naming_the_key(string key, string value, string expectedInMessage)
    {
        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(new GatewaySettings().Set(key, value)));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain(expectedInMessage));
    }

    [TestCase(new[] { "Gateway:ForwardedHeaders:ForwardHost", "true", "AllowedHosts", "*" }, "Gateway:ForwardedHeaders:ForwardHost requires AllowedHosts")]
    [TestCase(new[] { "Gateway:ForwardedHeaders:ForwardHost", "true", "AllowedHosts", "" }, "Gateway:ForwardedHeaders:ForwardHost requires AllowedHosts")]
    [TestCase(
        new[] { "Gateway:Jwt:Authority", "https://login.example.com", "Gateway:Jwt:SigningKey", "0123456789abcdef0123456789abcdef", "Gateway:Jwt:Audience", "api" },
        "Gateway:Jwt:Authority and Gateway:Jwt:SigningKey are both set")]
    [TestCase(
        new[] { "Gateway:ApiKeys:Clients:a:Sha256", Digest, "Gateway:ApiKeys:Clients:b:Sha256", Digest },
        "Gateway:ApiKeys:Clients:b:Sha256 is the same key as client 'a'")]
    [TestCase(
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json" },
        "OTEL_EXPORTER_OTLP_PROTOCOL must be 'http/protobuf' (the default, port 4318) or 'grpc' (port 4317) (was 'http/json')")]
    public async Task Invalid_combination_stops_start_up_naming_the_keys(string[] keysAndValues, string expectedInMessage)
    {
        var settings = new GatewaySettings();
        for (var index = 0; index < keysAndValues.Length; index += 2)
        {
            settings.Set(keysAndValues[index], keysAndValues[index + 1]);
        }

        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(settings));

        Assert.That(StartupFailure.Describe(exception!), Does.Contain(expectedInMessage));
    }

    [TestCase("-1")]
    [TestCase("0")]
    [TestCase("abc")]
    public async Task Invalid_route_body_size_stops_start_up_naming_the_route(string value)
    {
        var settings = new GatewaySettings()
            .Route("uploads", "/uploads", "uploads")
            .RouteSetting("uploads", "Metadata:MaxRequestBodySize", value)
            .Cluster("uploads", new Uri("http://127.0.0.1:9/"));

        var exception = await Assert.CatchAsync(() => BuildAndStartAsync(settings));

        Assert.That(
            StartupFailure.Describe(exception!),
            Does.Contain($"ReverseProxy:Routes:uploads:Metadata:MaxRequestBodySize must be a positive whole number of bytes (was '{value}')"));
    }

    [Test]
    public async Task Every_known_root_key_and_sub_section_is_accepted()
    {
        var settings = new GatewaySettings()
            .Set("Gateway:MaxRequestBodySize", "2048")
            .Set("Gateway:PassiveHealth:DefaultFailureRateLimit", "0.5")
            .Set("Gateway:Hsts:Enabled", "true")
            .Set("Gateway:ApiKeys:Clients:partner:Sha256", Digest)
            .Set("Gateway:RateLimiting:Global:PermitLimit", "100")
            .Route("uploads", "/uploads", "uploads")
            .RouteSetting("uploads", "Metadata:MaxRequestBodySize", "1024")
            .Cluster("uploads", new Uri("http://127.0.0.1:9/"));

        await BuildAndStartAsync(settings);
    }

    [Test]
    public async Task Management_port_equal_to_the_public_port_stops_start_up_naming_the_key()
    {
        var port = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
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
