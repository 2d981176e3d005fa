using System.Diagnostics;
using Image.Tests.Infrastructure;
using TestSupport;

namespace Image.Tests;

/// <summary>docker-compose.yml (+ docker-compose.host.yml here) with the images under test: gateway in front of echo.</summary>
[TestFixture]
[Category("Image")]
public sealed class ComposeTests
{
    // docker-compose.yml: Gateway__ShutdownDelay 5 s + Gateway__DrainTimeout 20 s, stop_grace_period 30 s.
    private static readonly TimeSpan ComposeShutdownDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ComposeStopGracePeriod = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One project's whole life: `up --wait`, traffic through the gateway and the management port, then `down` under
    /// load. One test rather than two because `up` is most of the cost (minutes for the emulated platform's leg).
    /// </summary>
    [Test]
    public async Task ServesEchoOnceHealthyThenDownLetsTheGatewayDrainAndExitZero()
    {
        var gatewayPort = FreePort.Next();
        var managementPort = FreePort.Next();
        await using var project = Project(gatewayPort, managementPort);
        await project.UpAsync();

        await AssertServesEchoAndMetricsAsync(project, gatewayPort, managementPort);
        await AssertDownDrainsUnderLoadAsync(project, gatewayPort);
    }

    private static async Task AssertServesEchoAndMetricsAsync(ComposeProject project, int gatewayPort, int managementPort)
    {
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

    private static async Task AssertDownDrainsUnderLoadAsync(ComposeProject project, int gatewayPort)
    {
        var gateway = await project.ContainerIdAsync("gateway");
        // Both follow the container to its end, before down removes it.
        var exit = DockerCli.RunAsync(["wait", gateway], timeout: TimeSpan.FromMinutes(2));
        var logs = DockerCli.RunAsync(["logs", "--follow", gateway], timeout: TimeSpan.FromMinutes(2));
        await using var load = LoadRun.Start(new Uri($"http://127.0.0.1:{gatewayPort}/echo/load"), 16, TimeSpan.FromSeconds(10));
        await Poll.UntilAsync(() => Task.FromResult(load.Elapsed > TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(5), "the load to run for a second");

        var stopAt = load.Elapsed;
        var downStarted = Stopwatch.GetTimestamp();
        var down = project.DownAsync(ComposeStopGracePeriod + TimeSpan.FromSeconds(60));
        // down signals the gateway after it starts: requests started before the delay (counted from here) ends all land in it.
        await Task.Delay(ComposeShutdownDelay - TimeSpan.FromMilliseconds(500));
        var samples = await load.StopAsync();
        await down;
        var downTook = Stopwatch.GetElapsedTime(downStarted);
        var exitCode = (await exit).StandardOutput.Trim();
        var output = (await logs).StandardOutput;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo("0"), $"the gateway did not exit 0 (137 = SIGKILL after stop_grace_period):{Environment.NewLine}{output}");
            Assert.That(downTook, Is.GreaterThanOrEqualTo(ComposeShutdownDelay).And.LessThan(ComposeStopGracePeriod), "down did not wait for the drain, or waited out the whole grace period");
            Assert.That(samples.Count(sample => sample.Started >= stopAt), Is.GreaterThan(16), "the load sent (almost) nothing during down");
            Assert.That(samples.Where(sample => !sample.Succeeded), Is.Empty, LoadRun.DescribeFailures(samples));
            Assert.That(output, Does.Contain("Draining started").And.Contain("Shutdown delay over").And.Contain("Drained"));
        }
    }

    /// <summary>The images under test, the gateway on <paramref name="gatewayPort"/>, echo on a free port.</summary>
    private static ComposeProject Project(int gatewayPort, int managementPort) => new(new Dictionary<string, string?>
    {
        ["GATEWAY_IMAGE"] = ImagesUnderTest.Gateway,
        ["ECHO_IMAGE"] = ImagesUnderTest.Echo,
        ["GATEWAY_PORT"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Host networking here: the management port must be free too, so every project gets its own.
        ["GATEWAY_MANAGEMENT_PORT"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ECHO_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
