using System.Diagnostics;
using System.Net;
using Image.Tests.Infrastructure;
using TestSupport;

namespace Image.Tests;

/// <summary>
/// SIGTERM (docker stop): readiness fails at once, the gateway serves on for Gateway:ShutdownDelay, drains in-flight
/// requests for up to Gateway:DrainTimeout and exits 0 (docs/gateway.md#shutdown-and-drain).
/// </summary>
[TestFixture]
[Category("Image")]
public sealed class ShutdownTests
{
    // Docker's default stop grace period: with the default ShutdownDelay (5 s) an idle gateway must fit in it.
    private const int GraceSeconds = 10;
    private const int Concurrency = 16;
    private static readonly TimeSpan DefaultShutdownDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UpstreamDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ShutdownDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadinessBudget = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How soon after SIGTERM readiness must fail. Natively: <see cref="ReadinessBudget"/>, issue 17's bound (17-46 ms
    /// measured under load with both cores busy). Under qemu (the rehearsal's linux/arm64 leg here; GitHub runs that leg
    /// on a native arm64 runner) the signal path runs through the emulator: 300-840 ms measured on a loaded machine, the
    /// emulator's timing, not the gateway's (docs/rehearsal.md). There the test still holds what the drain is for:
    /// readiness fails in the first half of the delay, so load balancers have most of it to notice.
    /// </summary>
    private static TimeSpan ReadinessBound(bool emulated, TimeSpan shutdownDelay) => emulated ? shutdownDelay / 2 : ReadinessBudget;

    [Test]
    public async Task StopsWithinTheGracePeriodWithExitCodeZero()
    {
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway);
        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        var stopping = await gateway.StopAsync(GraceSeconds);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopping, Is.GreaterThanOrEqualTo(DefaultShutdownDelay), "the gateway did not wait out its shutdown delay");
            Assert.That(stopping, Is.LessThan(TimeSpan.FromSeconds(GraceSeconds)), "docker stop took the whole grace period: SIGTERM was not honoured");
            Assert.That(await gateway.InspectAsync("{{.State.ExitCode}}"), Is.EqualTo("0"), await gateway.LogsAsync());
        }
    }

    [Test]
    public async Task CompletesAnInFlightRequestWhileDraining()
    {
        await using var upstream = await SlowUpstream.StartAsync(UpstreamDelay);
        // A delay shorter than the upstream's: the request is still in flight when the gateway stops accepting.
        var environment = new Dictionary<string, string>(GatewayRoutes.To("slow", "/slow/{**rest}", upstream.Address))
        {
            ["Gateway__ShutdownDelay"] = "00:00:01",
        };
        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway, environment);
        await gateway.WaitUntilRespondingAsync("/healthz/ready");

        var inFlight = LoopbackHttp.Client.GetAsync(gateway.Url("/slow/request"));
        await upstream.RequestArrived.WaitAsync(Emulation.Scale(TimeSpan.FromSeconds(30), gateway.IsEmulated));
        var stopping = await gateway.StopAsync(GraceSeconds);
        using var response = await inFlight;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(SlowUpstream.Reply));
            Assert.That(stopping, Is.LessThan(TimeSpan.FromSeconds(GraceSeconds)));
            Assert.That(await gateway.InspectAsync("{{.State.ExitCode}}"), Is.EqualTo("0"), await gateway.LogsAsync());
        }
    }

    [Test]
    public async Task SigtermDuringLoadFailsReadinessAtOnceServesThroughTheDelayAndExitsZero()
    {
        await using var fast = await SlowUpstream.StartAsync(TimeSpan.Zero);
        // Sent about a second before SIGTERM and answered about two seconds after the delay ends: it finishes in the drain.
        await using var slow = await SlowUpstream.StartAsync(ShutdownDelay + TimeSpan.FromSeconds(3));
        var environment = new Dictionary<string, string>(GatewayRoutes.To("fast", "/fast/{**rest}", fast.Address))
        {
            ["Gateway__ShutdownDelay"] = ShutdownDelay.ToString(),
            ["Gateway__DrainTimeout"] = DrainTimeout.ToString(),
        };
        foreach (var (name, value) in GatewayRoutes.To("slow", "/slow/{**rest}", slow.Address))
        {
            environment[name] = value;
        }

        await using var gateway = await Container.StartAsync(ImagesUnderTest.Gateway, environment);
        await gateway.WaitUntilRespondingAsync("/healthz/ready");
        var scale = (TimeSpan span) => Emulation.Scale(span, gateway.IsEmulated);
        var readinessBound = ReadinessBound(gateway.IsEmulated, ShutdownDelay);
        await using var load = LoadRun.Start(gateway.Url("/fast/load"), Concurrency, scale(TimeSpan.FromSeconds(10)));
        using var readiness = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = scale(TimeSpan.FromSeconds(5)) };
        using (var ready = await readiness.GetAsync(gateway.Url("/healthz/ready")))
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the gateway was not ready before SIGTERM");
        }

        var inFlight = LoopbackHttp.Client.GetAsync(gateway.Url("/slow/request"));
        await slow.RequestArrived.WaitAsync(scale(TimeSpan.FromSeconds(30)));
        await Poll.UntilAsync(() => Task.FromResult(load.Elapsed > TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(5), "the load to run for a second");
        await DockerEngineApi.PingAsync();

        var stopAt = load.Elapsed;
        var stopRequestedAt = DateTimeOffset.UtcNow;
        var stopRequested = Stopwatch.GetTimestamp();
        await gateway.SignalAsync("SIGTERM");
        var signalCallTook = Stopwatch.GetElapsedTime(stopRequested);
        // The bound counts the gateway's time, not the engine's: the signal arrives at the latest when the engine's kill
        // call returns, and under load that call alone once took 120 ms, with readiness turning 4 ms after it returned.
        var gatewayBound = readinessBound + signalCallTook;
        var readiness503 = await ReadinessPoll.UntilUnavailableAsync(readiness, gateway.Url("/healthz/ready"), stopRequested, scale(TimeSpan.FromSeconds(5)));
        // Requests started up to shortly before the delay ends must all succeed; later ones may meet the closing listener.
        var windowEnd = stopAt + ShutdownDelay - scale(TimeSpan.FromMilliseconds(300));
        if (windowEnd > load.Elapsed)
        {
            await Task.Delay(windowEnd - load.Elapsed);
        }

        var samples = await load.StopAsync();
        var exitCode = await gateway.WaitForExitAsync(scale(ShutdownDelay + DrainTimeout + TimeSpan.FromSeconds(10)));
        var stopTook = Stopwatch.GetElapsedTime(stopRequested);
        using var slowResponse = await inFlight;
        // All of them (one line per proxied request, so no --tail): the drain's lines are among the load's.
        var logs = (await DockerCli.RunCheckedAsync(["logs", gateway.Name])).Trim();
        // The container's clock is the host's: the JSON line's timestamp is when readiness turned.
        var drainingAfter = JsonLogLine.TimestampOf(logs, "Draining started") - stopRequestedAt;
        await TestContext.Out.WriteLineAsync(
            $"draining {drainingAfter?.TotalMilliseconds:0} ms after SIGTERM was sent (the engine's kill call took {signalCallTook.TotalMilliseconds:0} ms; bound {readinessBound.TotalMilliseconds:0} ms after the call{(gateway.IsEmulated ? ", emulated" : "")}); {readiness503}; {samples.Count(sample => sample.Started >= stopAt)} requests during the delay " +
            $"({samples.Count(sample => !sample.Succeeded)} failed); exited {exitCode} after {stopTook.TotalMilliseconds:0} ms");

        using (Assert.EnterMultipleScope())
        {
            // As in Gateway.Tests' DrainTests: the gateway's own moment, and no probe sent after the budget answered 200.
            Assert.That(drainingAfter, Is.Not.Null.And.LessThan(gatewayBound), "readiness did not turn at once (no or a late \"Draining started\" line)");
            Assert.That(readiness503.LastReadySent ?? TimeSpan.Zero, Is.LessThan(gatewayBound), $"a probe sent after the budget still answered 200: {readiness503}");
            Assert.That(samples.Count(sample => sample.Started >= stopAt), Is.GreaterThan(Concurrency), "the load sent (almost) nothing during the delay");
            Assert.That(samples.Where(sample => !sample.Succeeded), Is.Empty, LoadRun.DescribeFailures(samples));
            Assert.That(slowResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exitCode, Is.Zero, await gateway.LogsAsync());
            Assert.That(stopTook, Is.GreaterThanOrEqualTo(ShutdownDelay).And.LessThan(ShutdownDelay + DrainTimeout), await gateway.LogsAsync());
            Assert.That(logs, Does.Contain("Draining started").And.Contain("Shutdown delay over").And.Contain("Drained"));
        }
    }
}
