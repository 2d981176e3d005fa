using System.Net;
using Gateway.Configuration;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

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
        await File.WriteAllTextAsync(_configFile, ProxyJson(echo.Address, "first"));
        await using var gateway = await StartWithConfigFileAsync();
        Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await File.WriteAllTextAsync(_configFile, ProxyJson(echo.Address, "second"));

        await Poll.UntilAsync(async () => (await gateway.Client.GetAsync("/second/x")).StatusCode == HttpStatusCode.OK, Patience, "the new route");
        Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Malformed_file_is_rejected_and_logged_and_the_last_good_routes_stay()
    {
        await using var echo = await TestUpstream.StartEchoAsync();
        await File.WriteAllTextAsync(_configFile, ProxyJson(echo.Address, "first"));
        await using var gateway = await StartWithConfigFileAsync();
        var status = gateway.App.Services.GetRequiredService<ConfigurationReloadStatus>();

        await File.WriteAllTextAsync(_configFile, "{ \"ReverseProxy\": { broken");

        await Poll.UntilAsync(() => status.RejectionCount > 0, Patience, "the reload to be rejected");
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
        await File.WriteAllTextAsync(_configFile, ProxyJson(echo.Address, "first"));
        await using var gateway = await StartWithConfigFileAsync();
        var status = gateway.App.Services.GetRequiredService<ConfigurationReloadStatus>();

        await File.WriteAllTextAsync(_configFile, ProxyJson(echo.Address, "second", rateLimiterPolicy: "no-such-policy"));

        await Poll.UntilAsync(() => status.RejectionCount > 0, Patience, "the reload to be rejected");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.LastRejection!.Reason, Does.Contain("second").And.Contain("no-such-policy"));
            Assert.That((await gateway.Client.GetAsync("/first/x")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await gateway.Client.GetAsync("/second/x")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    private Task<GatewayUnderTest> StartWithConfigFileAsync() =>
        GatewayUnderTest.StartAsync(new GatewaySettings().Set("Gateway:ConfigFile", _configFile));

    private static string ProxyJson(Uri destination, string routeId, string? rateLimiterPolicy = null) => $$"""
        {
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
