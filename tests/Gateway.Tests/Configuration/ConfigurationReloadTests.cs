using System.Globalization;
using System.Net;
using Gateway.Configuration;
using Gateway.Observability;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.Events;

namespace Gateway.Tests.Configuration;

public sealed class ConfigurationReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private string _directory = null!;
    private string _configFile = null!;

    [SetUp]
    public void CreateConfigFile()
    {
        _directory = Directory.CreateTempSubdirectory("gateway-tests-").FullName;
        _configFile = Path.Combine(_directory, "gateway.json");
    }

    [TearDown]
    public void DeleteConfigFile() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Valid_change_to_the_mounted_file_applies_without_restart()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));
        Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "second"));

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/second/x")).StatusCode == HttpStatusCode.OK, Patience, "the new route");
        Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Malformed_file_is_rejected_and_logged_and_the_last_good_routes_stay()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        await ReloadRejectedAsync(gateway, "{ \"ReverseProxy\": { broken");

        using var ready = await gateway.Client.GetAsync("/healthz/ready");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(gateway.Logs.Events.Any(logEvent => logEvent.MessageTemplate.Text.StartsWith("Rejected configuration reload", StringComparison.Ordinal)), Is.True);
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("Degraded"));
        }
    }

    [Test]
    public async Task Invalid_proxy_configuration_is_rejected_naming_the_route_and_the_last_good_routes_stay()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        var rejection = await ReloadRejectedAsync(gateway, ProxyJson(echo.Address, "second", rateLimiterPolicy: "no-such-policy"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejection.Reason, Does.Contain("second").And.Contain("no-such-policy"));
            await AssertOnlyTheFirstRouteIsServedAsync(gateway);
        }
    }

    [Test]
    public async Task Reload_that_removes_every_route_is_rejected_and_reported_and_the_routes_stay()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        var rejection = await ReloadRejectedAsync(gateway, "{}");
        var configuration = await ConfigurationHealthAsync(gateway);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rejection.Reason, Does.Contain("remove every route").And.Contain("Gateway:AllowEmptyRoutes"));
            Assert.That(configuration.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(configuration.Description, Does.Contain("Gateway:AllowEmptyRoutes"));
            Assert.That(RejectionLogLines(gateway), Has.Some.Contain("Gateway:AllowEmptyRoutes"));
            Assert.That(Reloads(gateway), Is.EqualTo(new Dictionary<string, long> { ["result=applied"] = 0, ["result=rejected"] = 1 }));
            Assert.That(LastReloadSuccess(gateway), Is.Zero);
        }
    }

    [Test]
    public async Task Reload_that_removes_every_route_is_applied_when_empty_routes_are_allowed()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));
        var status = ReloadStatus(gateway);

        await ReplaceConfigFileAsync("""{ "Gateway": { "AllowEmptyRoutes": true } }""");

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/first/x")).StatusCode == HttpStatusCode.NotFound, Patience, "the routes to be removed");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.LastRejection, Is.Null);
            Assert.That((await ConfigurationHealthAsync(gateway)).Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(Reloads(gateway)["result=applied"], Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Reload_with_an_invalid_body_limit_is_rejected_and_the_old_limit_stays()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": 1000 }"""));

        var rejection = await ReloadRejectedAsync(gateway, ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": -1 }"""));
        var configuration = await ConfigurationHealthAsync(gateway);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejection.Reason, Does.Contain("Gateway:MaxRequestBodySize must be a positive number of bytes (was -1)"));
            Assert.That(configuration.Status, Is.EqualTo(HealthStatus.Degraded));
            Assert.That(RejectionLogLines(gateway), Has.Some.Contain("Gateway:MaxRequestBodySize"));
            Assert.That(Reloads(gateway)["result=rejected"], Is.EqualTo(1));
            Assert.That(await PostAsync(gateway, "/first/x", 900), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await PostAsync(gateway, "/first/x", 1100), Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }
    }

    [Test]
    public async Task Reload_with_a_bad_route_and_a_good_gateway_change_is_rejected_as_a_whole()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": 1000 }"""));

        // The route metadata check is a YARP config filter; the whole file must be judged before any of it applies.
        var withBadRoute = ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": 500 }""")
            .Replace("\"ClusterId\": \"echo\",", "\"ClusterId\": \"echo\", \"Metadata\": { \"MaxRequestBodySize\": \"-1\" },", StringComparison.Ordinal);
        var rejection = await ReloadRejectedAsync(gateway, withBadRoute);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejection.Reason, Does.Contain("ReverseProxy:Routes:first:Metadata:MaxRequestBodySize must be a positive whole number of bytes (was '-1')"));
            Assert.That(await PostAsync(gateway, "/first/x", 900), Is.EqualTo(HttpStatusCode.OK), "Gateway:MaxRequestBodySize=500 must not have applied");
        }
    }

    [Test]
    public async Task Reload_with_the_passive_health_section_is_applied()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "second", gateway: """{ "PassiveHealth": { "DefaultFailureRateLimit": 0.5 } }"""));

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/second/x")).StatusCode == HttpStatusCode.OK, Patience, "the new route");
        Assert.That(ReloadStatus(gateway).RejectionCount, Is.Zero, ReloadStatus(gateway).LastRejection?.Reason);
    }

    [Test]
    public async Task Reload_of_the_body_limit_applies_to_the_next_request_without_a_restart_warning()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": 1000 }"""));
        Assert.That(await PostAsync(gateway, "/first/x", 600), Is.EqualTo(HttpStatusCode.OK));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": 500 }"""));

        await Poll.UntilAsync(async () => await PostAsync(gateway, "/first/x", 600) == HttpStatusCode.RequestEntityTooLarge, Patience, "413 at the new limit");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await PostAsync(gateway, "/first/x", 500), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(RestartWarnings(gateway), Is.Empty);
        }
    }

    [Test]
    public async Task Reload_of_the_security_headers_applies_to_the_next_response()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "first", gateway: """{ "SecurityHeaders": { "Headers": { "X-Frame-Options": "SAMEORIGIN" } } }"""));

        await Poll.UntilAsync(
            async () =>
            {
                using var response = await gateway.Client.GetAsync("/first/x");
                return response.Headers.TryGetValues("X-Frame-Options", out var values) && values.Single() == "SAMEORIGIN";
            },
            Patience,
            "the reloaded X-Frame-Options header");
        Assert.That(RestartWarnings(gateway), Is.Empty);
    }

    [Test]
    public async Task Reload_with_an_unknown_key_in_a_strict_section_is_rejected_naming_it()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        var rejection = await ReloadRejectedAsync(gateway, ProxyJson(echo.Address, "second", gateway: """{ "Timeouts": { "Polices": { "fast": "00:00:05" } } }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejection.Reason, Does.Contain("Polices"));
            await AssertOnlyTheFirstRouteIsServedAsync(gateway);
        }
    }

    [Test]
    public async Task Valid_reload_after_a_rejected_one_clears_the_degraded_state()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));
        await ReloadRejectedAsync(gateway, ProxyJson(echo.Address, "first", gateway: """{ "MaxRequestBodySize": -1 }"""));
        Assert.That((await ConfigurationHealthAsync(gateway)).Status, Is.EqualTo(HealthStatus.Degraded));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "second"));

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/second/x")).StatusCode == HttpStatusCode.OK, Patience, "the new route");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ReloadStatus(gateway).LastRejection, Is.Null);
            Assert.That((await ConfigurationHealthAsync(gateway)).Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(Reloads(gateway), Is.EqualTo(new Dictionary<string, long> { ["result=applied"] = 1, ["result=rejected"] = 1 }));
            Assert.That(LastReloadSuccess(gateway), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Valid_reload_of_a_restart_only_key_is_applied_with_a_warning_naming_the_key()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await using var gateway = await StartWithConfigFileAsync(ProxyJson(echo.Address, "first"));

        await ReplaceConfigFileAsync(ProxyJson(echo.Address, "second", gateway: """{ "DrainTimeout": "00:00:07", "MaxRequestBodySize": 2000 }"""));

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/second/x")).StatusCode == HttpStatusCode.OK, Patience, "the new route");
        // Keys only, never values: a restart-only key may be a secret such as Gateway:Jwt:SigningKey.
        Assert.That(RestartWarnings(gateway), Is.EqualTo(new[] { "Gateway:DrainTimeout" }));
    }

    private static async Task AssertOnlyTheFirstRouteIsServedAsync(GatewayUnderTest gateway)
    {
        Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await gateway.Client.GetAsync("/second/x")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<HealthReportEntry> ConfigurationHealthAsync(GatewayUnderTest gateway)
    {
        var report = await gateway.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "configuration");
        return report.Entries["configuration"];
    }

    private static IEnumerable<string> RejectionLogLines(GatewayUnderTest gateway) =>
        gateway.Logs.Events
            .Where(logEvent => logEvent.MessageTemplate.Text.StartsWith("Rejected configuration reload", StringComparison.Ordinal))
            .Select(logEvent => logEvent.RenderMessage(CultureInfo.InvariantCulture));

    private static IEnumerable<string?> RestartWarnings(GatewayUnderTest gateway) =>
        gateway.Logs.Events
            .Where(logEvent => logEvent.Level == LogEventLevel.Warning && logEvent.MessageTemplate.Text.StartsWith("Applying a configuration reload", StringComparison.Ordinal))
            .Select(logEvent => CapturingSink.Scalar(logEvent, "RestartRequiredKeys"));

    private static IReadOnlyDictionary<string, long> Reloads(GatewayUnderTest gateway) =>
        ObservedMetrics.Read(gateway.App.Services, ConfigurationReloadMetrics.MeterName, ConfigurationReloadMetrics.ReloadsInstrument);

    private static long LastReloadSuccess(GatewayUnderTest gateway) =>
        ObservedMetrics.Read(gateway.App.Services, ConfigurationReloadMetrics.MeterName, ConfigurationReloadMetrics.LastReloadSuccessInstrument)[string.Empty];

    private static async Task<HttpStatusCode> PostAsync(GatewayUnderTest gateway, string path, int bodyBytes)
    {
        using var response = await gateway.Client.PostAsync(path, new ByteArrayContent(new byte[bodyBytes]));
        return response.StatusCode;
    }

    /// <summary>
    /// Replaces the mounted file the way deployers do (a Kubernetes ConfigMap swaps a symlink; editors write a temporary
    /// file and rename it): in one step. Rewriting it in place can show the watcher an empty file first, which the gateway
    /// rightly rejects as a reload that removes every route, and which would add a rejection the test did not make.
    /// </summary>
    private async Task ReplaceConfigFileAsync(string contents)
    {
        var temporary = _configFile + ".tmp";
        await File.WriteAllTextAsync(temporary, contents);
        File.Move(temporary, _configFile, overwrite: true);
    }

    private async Task<GatewayUnderTest> StartWithConfigFileAsync(string contents)
    {
        await ReplaceConfigFileAsync(contents);
        return await GatewayUnderTest.StartAsync(new GatewaySettings().Set("Gateway:ConfigFile", _configFile));
    }

    /// <summary>Rewrites the mounted file and waits until the gateway has refused it.</summary>
    private async Task<ConfigurationRejection> ReloadRejectedAsync(GatewayUnderTest gateway, string contents)
    {
        var status = ReloadStatus(gateway);
        var rejectionsBefore = status.RejectionCount;
        var linesBefore = RejectionLogLines(gateway).Count();
        await ReplaceConfigFileAsync(contents);
        // The count rises first; the log line follows from the Rejected event's subscriber, just after.
        await Poll.UntilAsync(() => status.RejectionCount > rejectionsBefore && RejectionLogLines(gateway).Count() > linesBefore, Patience,
            "the reload to be rejected and logged");
        return status.LastRejection!;
    }

    private static ConfigurationReloadStatus ReloadStatus(GatewayUnderTest gateway) => gateway.App.Services.GetRequiredService<ConfigurationReloadStatus>();

    private static string ProxyJson(Uri destination, string routeId, string? rateLimiterPolicy = null, string? gateway = null) => $$"""
        {
          {{(gateway is null ? string.Empty : $"\"Gateway\": {gateway},")}}
          "ReverseProxy": {
            "Routes": {
              "{{routeId}}": {
                "ClusterId": "echo",
                {{(rateLimiterPolicy is null ? string.Empty : $"\"RateLimiterPolicy\": \"{rateLimiterPolicy}\",")}}
                "Match": { "Path": "/{{routeId}}/{**rest}" }
              }
            },
            "Clusters": {
              "echo": { "Destinations": { "d0": { "Address": "{{destination}}" } } }
            }
          }
        }
        """;
}
