using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

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
    public async Task Health_switch_exits_0_when_ready_and_1_when_not()
    {
        var settings = new GatewaySettings()
            .Route("down", "/down/{**rest}", "down")
            .Cluster("down", Loopback.DeadDestination())
            .ClusterSetting("down", "HealthCheck:Active:Enabled", "true")
            .ClusterSetting("down", "HealthCheck:Active:Interval", "00:00:00.200")
            .ClusterSetting("down", "HealthCheck:Active:Policy", "ConsecutiveFailures")
            .ClusterSetting("down", "Metadata:ConsecutiveFailuresHealthPolicy.Threshold", "1");
        using var readyGateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0"]);
        using var unreadyGateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", .. settings.AsArguments()]);
        var readyPort = await readyGateway.WaitForListeningPortAsync();
        var unreadyPort = await unreadyGateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        // Both gateways have served /healthz/ready once before they are probed: the first request to a fresh
        // process pays for JIT and can outlast the probe's budget on a busy 2-core machine, which is what a
        // HEALTHCHECK's start period is for, not what this test is about.
        await Poll.UntilAsync(
            async () => (await client.GetAsync(new Uri($"http://127.0.0.1:{readyPort}/healthz/ready"))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(15),
            "the gateway without clusters to be ready");
        await Poll.UntilAsync(
            async () => (await client.GetAsync(new Uri($"http://127.0.0.1:{unreadyPort}/healthz/ready"))).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(15),
            "the gateway with a dead cluster to become unready");

        var readyExit = await GatewayProcess.ProbeHealthAsync(readyPort);
        var unreadyExit = await GatewayProcess.ProbeHealthAsync(unreadyPort);
        var nothingListeningExit = await GatewayProcess.ProbeHealthAsync(Loopback.DeadDestination().Port);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(readyExit.ExitCode, Is.Zero, readyExit.Output);
            Assert.That(unreadyExit.ExitCode, Is.EqualTo(1), unreadyExit.Output);
            Assert.That(nothingListeningExit.ExitCode, Is.EqualTo(1), nothingListeningExit.Output);
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
}
