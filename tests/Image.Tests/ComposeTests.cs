using Image.Tests.Infrastructure;

namespace Image.Tests;

/// <summary>docker-compose.yml (+ docker-compose.host.yml here) with the images under test: gateway in front of echo.</summary>
[TestFixture]
[Category("Image")]
public sealed class ComposeTests
{
    [Test]
    public async Task ServesEchoThroughTheGatewayOnceHealthy()
    {
        var gatewayPort = FreePort.Next();
        var managementPort = FreePort.Next();
        await using var project = new ComposeProject(new Dictionary<string, string?>
        {
            ["GATEWAY_IMAGE"] = ImagesUnderTest.Gateway,
            ["ECHO_IMAGE"] = ImagesUnderTest.Echo,
            ["GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GATEWAY_MANAGEMENT_PORT"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ECHO_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await project.UpAsync();

        using var response = await LoopbackHttp.Client.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/echo/compose"));
        var echoed = await EchoReply.ReadAsync(response);
        using var publicMetrics = await LoopbackHttp.Client.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/metrics"));
        using var managementMetrics = await LoopbackHttp.Client.GetAsync(new Uri($"http://127.0.0.1:{managementPort}/metrics"));
        var metrics = await managementMetrics.Content.ReadAsStringAsync();
        var gatewayHardening = await DockerCli.InspectAsync(await project.ContainerIdAsync("gateway"),
            "{{.Config.Image}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoed.Path, Is.EqualTo("/echo/compose"));
            Assert.That(publicMetrics.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound), "/metrics on the public port");
            Assert.That(managementMetrics.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "/metrics on the management port");
            Assert.That(metrics, Does.Contain("http_server_request_duration_seconds").And.Contain("gateway_cluster_destinations_healthy{"));
            Assert.That(gatewayHardening, Is.EqualTo($"{ImagesUnderTest.Gateway} true [ALL] [no-new-privileges:true]"));
        }
    }
}
