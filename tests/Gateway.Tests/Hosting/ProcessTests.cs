using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>Runs the built Gateway.dll as a child process, the way a container runs it.</summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Bad_configuration_exits_1_naming_the_key()
    {
        using var gateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", "--Gateway:DrainTimeout=01:00:00"]);

        Assert.That(await gateway.WaitForExitAsync(ExitPatience), Is.True, "the gateway kept running");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gateway.ExitCode, Is.EqualTo(1));
            Assert.That(gateway.Output, Does.Contain("Gateway:DrainTimeout"));
        }
    }

    [Test]
    public async Task Health_switch_probes_public_readiness_which_a_dead_upstream_does_not_fail()
    {
        var settings = new GatewaySettings()
            .Route("down", "/down/{**rest}", "down")
            .Cluster("down", Loopback.DeadDestination())
            .ClusterSetting("down", "HealthCheck:Active:Enabled", "true")
            .ClusterSetting("down", "HealthCheck:Active:Interval", "00:00:00.200")
            .ClusterSetting("down", "HealthCheck:Active:Policy", "ConsecutiveFailures")
            .ClusterSetting("down", "Metadata:ConsecutiveFailuresHealthPolicy.Threshold", "1");
        using var gateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", .. settings.AsArguments()]);
        var port = await gateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        // The gateway has served /healthz once before it is probed: the first request to a fresh process pays for
        // JIT and can outlast the probe's budget on a busy 2-core machine, which is what a HEALTHCHECK's start
        // period is for, not what this test is about.
        await Poll.UntilAsync(
            async () => (await client.GetStringAsync(new Uri($"http://127.0.0.1:{gateway.ManagementPort}/healthz"))).Contains("0/1 destinations healthy", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the management port to report the dead cluster");

        var withDeadUpstream = await GatewayProcess.ProbeHealthAsync(port);
        var nothingListening = await GatewayProcess.ProbeHealthAsync(Loopback.DeadDestination().Port);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withDeadUpstream.ExitCode, Is.Zero, withDeadUpstream.Output);
            Assert.That(withDeadUpstream.Output, Does.Contain($"http://127.0.0.1:{port}/healthz/ready answered 200"), "the probe asks the public port");
            Assert.That(nothingListening.ExitCode, Is.EqualTo(1), nothingListening.Output);
        }
    }

    [Test]
    public async Task Health_switch_exits_1_when_readiness_answers_503()
    {
        await using var unready = await TestUpstream.StartAsync(app => app.MapGet("/healthz/ready", () => Results.Text("Unhealthy", statusCode: 503)));

        var probe = await GatewayProcess.ProbeHealthAsync(unready.Address.Port);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(probe.ExitCode, Is.EqualTo(1), probe.Output);
            Assert.That(probe.Output, Does.Contain("/healthz/ready answered 503"));
        }
    }

    // As in the container: the public port comes from ASPNETCORE_HTTP_PORTS, the management port joins it on every interface.
    [Test]
    public async Task Management_port_listens_beside_ASPNETCORE_HTTP_PORTS_and_the_probe_still_asks_the_public_port()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var gateway = GatewayProcess.Start([], environment: new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await Poll.UntilAsync(
            async () => await StatusAsync(client, $"http://127.0.0.1:{port}/healthz/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            $"the gateway to answer on ASPNETCORE_HTTP_PORTS={port}:{Environment.NewLine}{gateway.Output}");

        var publicMetrics = await StatusAsync(client, $"http://127.0.0.1:{port}/metrics");
        var managementMetrics = await StatusAsync(client, $"http://127.0.0.1:{gateway.ManagementPort}/metrics");
        using var probe = GatewayProcess.Start(["--health"], environment: new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port });
        Assert.That(await probe.WaitForExitAsync(ExitPatience), Is.True, "the health probe did not exit");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(publicMetrics, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(managementMetrics, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(gateway.Output, Does.Contain($"Now listening on: http://[::]:{gateway.ManagementPort}"));
            Assert.That(gateway.Output, Does.Not.Contain("Overriding"), "the management port joins HTTP_PORTS instead of replacing it with URLS");
            Assert.That(probe.ExitCode, Is.Zero, probe.Output);
            Assert.That(probe.Output, Does.Contain($"http://127.0.0.1:{port}/healthz/ready answered 200"));
        }
    }

    // The product requirement: a probe exits within 3 s of its process starting, even when the service hangs.
    // Lifetime runs from the kernel's start of the probe process (dotnet start-up included, the test's own
    // Process.Start overhead excluded) until its exit was seen, so it can only overstate the probe's time.
    [TestCase(GatewayProcess.Gateway)]
    [TestCase(GatewayProcess.Echo)]
    public async Task Health_switch_gives_up_on_a_hung_service_within_3_seconds(string assembly)
    {
        using var hung = Loopback.UnresponsiveListener();

        var probe = await GatewayProcess.ProbeHealthAsync(((IPEndPoint)hung.LocalEndpoint).Port, assembly);
        await TestContext.Out.WriteLineAsync($"probe lifetime {probe.Lifetime.TotalMilliseconds:0} ms: {probe.Output}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(probe.ExitCode, Is.EqualTo(1), probe.Output);
            Assert.That(probe.Lifetime, Is.LessThan(TimeSpan.FromSeconds(3)), probe.Output);
        }
    }

    [Test]
    public async Task Echo_health_switch_exits_0_when_echo_runs_and_1_when_nothing_listens()
    {
        using var echo = GatewayProcess.Start(["--urls", "http://127.0.0.1:0"], GatewayProcess.Echo);
        var port = await echo.WaitForListeningPortAsync();
        await WaitForEchoAsync(port);

        var running = await GatewayProcess.ProbeHealthAsync(port, GatewayProcess.Echo);
        var nothingListening = await GatewayProcess.ProbeHealthAsync(Loopback.DeadDestination().Port, GatewayProcess.Echo);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(running.ExitCode, Is.Zero, running.Output);
            Assert.That(running.Output, Does.Contain("/healthz answered 200"));
            Assert.That(nothingListening.ExitCode, Is.EqualTo(1), nothingListening.Output);
        }
    }

    [Test]
    public async Task Echo_health_switch_finds_the_port_in_ASPNETCORE_HTTP_PORTS()
    {
        using var echo = GatewayProcess.Start(["--urls", "http://127.0.0.1:0"], GatewayProcess.Echo);
        var port = await echo.WaitForListeningPortAsync();
        await WaitForEchoAsync(port);

        using var probe = GatewayProcess.Start(["--health"], GatewayProcess.Echo, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(CultureInfo.InvariantCulture) });

        Assert.That(await probe.WaitForExitAsync(ExitPatience), Is.True, "the health probe did not exit");
        Assert.That(probe.ExitCode, Is.Zero, probe.Output);
    }

    [Test]
    public async Task Sigterm_stops_accepting_finishes_the_in_flight_request_and_exits_0()
    {
        var requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseResponse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(app => app.MapGet("/slow", async () =>
        {
            requestArrived.TrySetResult();
            await releaseResponse.Task;
            return Results.Text("finished");
        }));
        var settings = new GatewaySettings()
            .Set("Gateway:DrainTimeout", "00:00:20")
            .Route("slow", "/slow", "slow")
            .Cluster("slow", upstream.Address);
        using var gateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", .. settings.AsArguments()]);
        var port = await gateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        var inFlight = client.GetAsync(new Uri($"http://127.0.0.1:{port}/slow"));
        await requestArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        gateway.SendSigTerm();
        await Poll.UntilAsync(async () => !await Loopback.AcceptsConnectionsAsync(port), TimeSpan.FromSeconds(10), "the gateway to stop accepting connections");
        releaseResponse.SetResult();

        using var response = await inFlight;
        Assert.That(await gateway.WaitForExitAsync(ExitPatience), Is.True, "the gateway did not exit after draining");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("finished"));
            Assert.That(gateway.ExitCode, Is.Zero, gateway.Output);
        }
    }

    // As for the gateway: the probe is measured against a warm process, not the first request's JIT.
    private static async Task WaitForEchoAsync(int port)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await Poll.UntilAsync(
            async () => (await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15),
            "echo to answer /healthz");
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient client, string url)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
