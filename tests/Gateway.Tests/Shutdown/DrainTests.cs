using System.Diagnostics;
using System.Net;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using TestSupport;

namespace Gateway.Tests.Shutdown;

/// <summary>
/// The drain load balancers can follow (docs/gateway.md#shutdown-and-drain): on stop, readiness fails at once, the
/// gateway keeps accepting and serving for Gateway:ShutdownDelay, then stops accepting and gives in-flight requests
/// up to Gateway:DrainTimeout. Real Kestrel on loopback, in-process and as a child process receiving a real SIGTERM.
/// </summary>
public sealed class DrainTests
{
    private const int Concurrency = 16;
    private static readonly TimeSpan ShutdownDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReadinessBudget = TimeSpan.FromMilliseconds(100);

    // The load window ends this long before the delay does: a request started later may still be under way when the
    // listener closes, which is the drain's next phase, not this one.
    private static readonly TimeSpan LoadMargin = TimeSpan.FromMilliseconds(300);

    // Room for the process to stop after the drain (and for a busy 2-core machine).
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Stop_fails_readiness_at_once_serves_through_the_delay_then_finishes_the_in_flight_request()
    {
        var slowArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(app =>
        {
            app.MapGet("/fast", () => "fast");
            app.MapGet("/slow", async () =>
            {
                slowArrived.TrySetResult();
                await releaseSlow.Task;
                return "finished";
            });
        });
        await using var gateway = await GatewayUnderTest.StartAsync(DrainSettings(upstream.Address));
        // What RunAsync does once started: stop the host when stopping is requested (as SIGTERM requests it).
        var shutdown = gateway.App.WaitForShutdownAsync();
        var port = gateway.Client.BaseAddress!.Port;
        var inFlight = gateway.Client.GetAsync(new Uri("/slow", UriKind.Relative));
        await slowArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await using var load = LoadRun.Start(new Uri(gateway.Client.BaseAddress, "/fast"), Concurrency, TimeSpan.FromSeconds(10));
        using var readiness = ReadinessClient(gateway.Client.BaseAddress);
        await WarmUpAsync(readiness, load);

        var stopAt = load.Elapsed;
        var stopRequestedAt = DateTimeOffset.UtcNow;
        var stopRequested = Stopwatch.GetTimestamp();
        gateway.App.Lifetime.StopApplication();
        var readiness503 = await ReadinessPoll.UntilUnavailableAsync(readiness, ReadyUri(readiness), stopRequested, TimeSpan.FromSeconds(5));
        using var duringDelay = await readiness.GetAsync(new Uri("/fast", UriKind.Relative));
        var samples = await RunUntilShortlyBeforeTheDelayEndsAsync(load, stopAt);
        await Poll.UntilAsync(async () => !await Loopback.AcceptsConnectionsAsync(port), DrainTimeout, "the gateway to stop accepting connections");
        var acceptedFor = Stopwatch.GetElapsedTime(stopRequested);
        releaseSlow.SetResult();
        using var slow = await inFlight;
        await shutdown.WaitAsync(ShutdownDelay + DrainTimeout + ExitMargin);
        var stopTook = Stopwatch.GetElapsedTime(stopRequested);
        var drainingFrom = gateway.Logs.Events.FirstOrDefault(logEvent => logEvent.MessageTemplate.Text.StartsWith("Draining started", StringComparison.Ordinal))?.Timestamp;
        await ReportAsync(drainingFrom - stopRequestedAt, readiness503, samples, stopAt, stopTook);

        using (Assert.EnterMultipleScope())
        {
            AssertReadinessTurnedAtOnce(drainingFrom - stopRequestedAt, readiness503);
            Assert.That(samples.Count(sample => sample.Started >= stopAt), Is.GreaterThan(Concurrency), "the load sent (almost) nothing during the delay");
            Assert.That(samples.Where(sample => !sample.Succeeded), Is.Empty, LoadRun.DescribeFailures(samples));
            Assert.That(duringDelay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(duringDelay.Headers.ConnectionClose, Is.True, "responses while draining should ask HTTP/1.1 clients to reconnect elsewhere");
            Assert.That(acceptedFor, Is.GreaterThanOrEqualTo(ShutdownDelay), "the gateway stopped accepting before the shutdown delay was over");
            Assert.That(slow.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await slow.Content.ReadAsStringAsync(), Is.EqualTo("finished"));
            Assert.That(stopTook, Is.LessThan(ShutdownDelay + DrainTimeout));
            Assert.That(gateway.Logs.Events.Select(logEvent => logEvent.MessageTemplate.Text),
                Has.Some.StartsWith("Draining started").And.Some.StartsWith("Shutdown delay over").And.Some.StartsWith("Drained"));
        }
    }

    [Test]
    public async Task Sigterm_fails_readiness_at_once_serves_through_the_delay_and_exits_0()
    {
        await using var upstream = await TestUpstream.StartAsync(app => app.MapGet("/fast", () => "fast"));
        var settings = DrainSettings(upstream.Address);
        // JSON logs: their timestamps have the sub-second precision that timing the readiness flip needs.
        using var gateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", "--Gateway:LogFormat=Json", .. settings.AsArguments()]);
        var address = new Uri($"http://127.0.0.1:{await gateway.WaitForListeningPortAsync()}/");
        await using var load = LoadRun.Start(new Uri(address, "/fast"), Concurrency, TimeSpan.FromSeconds(10));
        using var readiness = ReadinessClient(address);
        await WarmUpAsync(readiness, load);

        var stopAt = load.Elapsed;
        var stopRequestedAt = DateTimeOffset.UtcNow;
        var stopRequested = Stopwatch.GetTimestamp();
        gateway.SendSigTerm();
        var readiness503 = await ReadinessPoll.UntilUnavailableAsync(readiness, ReadyUri(readiness), stopRequested, TimeSpan.FromSeconds(5));
        var samples = await RunUntilShortlyBeforeTheDelayEndsAsync(load, stopAt);
        var exited = await gateway.WaitForExitAsync(ShutdownDelay + DrainTimeout + ExitMargin);
        var stopTook = Stopwatch.GetElapsedTime(stopRequested);
        var drainingFrom = JsonLogLine.TimestampOf(gateway.Output, "Draining started");
        await ReportAsync(drainingFrom - stopRequestedAt, readiness503, samples, stopAt, stopTook);

        Assert.That(exited, Is.True, $"the gateway did not exit within ShutdownDelay + DrainTimeout:{Environment.NewLine}{gateway.Output}");
        using (Assert.EnterMultipleScope())
        {
            AssertReadinessTurnedAtOnce(drainingFrom - stopRequestedAt, readiness503);
            Assert.That(samples.Count(sample => sample.Started >= stopAt), Is.GreaterThan(Concurrency), "the load sent (almost) nothing during the delay");
            Assert.That(samples.Where(sample => !sample.Succeeded), Is.Empty, LoadRun.DescribeFailures(samples));
            Assert.That(gateway.ExitCode, Is.Zero, gateway.Output);
            Assert.That(stopTook, Is.GreaterThanOrEqualTo(ShutdownDelay).And.LessThan(ShutdownDelay + DrainTimeout), gateway.Output);
            Assert.That(gateway.Output, Does.Contain("Draining started").And.Contain("Shutdown delay over").And.Contain("Drained"));
        }
    }

    [Test]
    public async Task Drain_timeout_bounds_a_hung_request_and_the_gateway_still_exits_0()
    {
        var hungArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync(app => app.MapGet("/hung", async (CancellationToken aborted) =>
        {
            hungArrived.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
        }));
        var drainTimeout = TimeSpan.FromSeconds(1);
        var settings = new GatewaySettings()
            .Set("Gateway:DrainTimeout", "00:00:01")
            .Route("hung", "/hung", "hung")
            .Cluster("hung", upstream.Address);
        using var gateway = GatewayProcess.Start(["--urls", "http://127.0.0.1:0", .. settings.AsArguments()]);
        var port = await gateway.WaitForListeningPortAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var hung = client.GetAsync(new Uri($"http://127.0.0.1:{port}/hung"));
        await hungArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var stopRequested = Stopwatch.GetTimestamp();
        gateway.SendSigTerm();
        var exited = await gateway.WaitForExitAsync(drainTimeout + ExitMargin);
        var stopTook = Stopwatch.GetElapsedTime(stopRequested);

        Assert.That(exited, Is.True, $"the hung request kept the gateway from exiting:{Environment.NewLine}{gateway.Output}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gateway.ExitCode, Is.Zero, gateway.Output);
            Assert.That(stopTook, Is.GreaterThanOrEqualTo(drainTimeout), "the gateway gave up on the request before DrainTimeout");
            Assert.That(gateway.Output, Does.Contain("Drain timed out after").And.Contain("00:00:01\" with 1 request(s) still in flight"));
            Assert.That(async () => await hung, Throws.InstanceOf<HttpRequestException>(), "the aborted request should fail, not answer");
        }
    }

    [Test]
    public async Task A_drain_longer_than_the_stop_grace_period_stops_start_up_naming_the_three_keys()
    {
        var settings = new GatewaySettings()
            .Set("Gateway:ShutdownDelay", "00:00:05")
            .Set("Gateway:DrainTimeout", "00:00:20")
            .Set("Gateway:StopGracePeriod", "00:00:10");

        var exception = await Assert.CatchAsync(async () =>
        {
            await using var app = GatewayUnderTest.Build(settings);
            await app.StartAsync();
        });

        var message = StartupFailure.Describe(exception!);
        Assert.That(message, Does.Contain("Gateway:ShutdownDelay").And.Contain("Gateway:DrainTimeout").And.Contain("Gateway:StopGracePeriod")
            .And.Contain("00:00:25").And.Contain("stop_grace_period"));
    }

    [Test]
    public async Task A_drain_within_the_stop_grace_period_starts()
    {
        // No delay: disposing the gateway stops it, and this test has nothing to wait for.
        var settings = new GatewaySettings()
            .Set("Gateway:ShutdownDelay", "00:00:00")
            .Set("Gateway:DrainTimeout", "00:00:29")
            .Set("Gateway:StopGracePeriod", "00:00:30");

        await using var gateway = await GatewayUnderTest.StartAsync(settings);
        using var ready = await gateway.Client.GetAsync(new Uri(HealthPath, UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private const string HealthPath = "/healthz/ready";

    private static GatewaySettings DrainSettings(Uri upstream) => new GatewaySettings()
        .Set("Gateway:ShutdownDelay", ShutdownDelay.ToString())
        .Set("Gateway:DrainTimeout", DrainTimeout.ToString())
        .Route("fast", "/fast", "up")
        .Route("slow", "/slow", "up")
        .Cluster("up", upstream);

    private static HttpClient ReadinessClient(Uri address) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };

    private static Uri ReadyUri(HttpClient readiness) => new(readiness.BaseAddress!, HealthPath);

    // The load is running and readiness answered once (so the poll after the stop pays no connection set-up or JIT).
    private static async Task WarmUpAsync(HttpClient readiness, LoadRun load)
    {
        using var ready = await readiness.GetAsync(ReadyUri(readiness));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the gateway was not ready before the stop");
        await Poll.UntilAsync(() => load.Elapsed > TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5), "the load to run for half a second");
    }

    // Two views of "readiness is 503 within 100 ms of the stop": the gateway's own (it logged "Draining started", the
    // moment readiness turns, that long after the stop request) and a prober's (no probe sent later than that was
    // still answered 200). A probe's own round trip under this load is not the gateway's reaction, so it is not counted.
    private static void AssertReadinessTurnedAtOnce(TimeSpan? drainingAfter, ReadinessFlip readiness503)
    {
        Assert.That(drainingAfter, Is.Not.Null.And.LessThan(ReadinessBudget), "readiness did not turn at once (no or a late \"Draining started\" line)");
        Assert.That(readiness503.LastReadySent ?? TimeSpan.Zero, Is.LessThan(ReadinessBudget), $"a probe sent after the budget still answered 200: {readiness503}");
    }

    private static Task ReportAsync(TimeSpan? drainingAfter, ReadinessFlip readiness503, IReadOnlyList<LoadSample> samples, TimeSpan stopAt, TimeSpan stopTook) =>
        TestContext.Out.WriteLineAsync(
            $"draining {drainingAfter?.TotalMilliseconds:0} ms after the stop request; {readiness503}; {samples.Count(sample => sample.Started >= stopAt)} requests during the delay " +
            $"({samples.Count(sample => !sample.Succeeded)} failed); stopped {stopTook.TotalMilliseconds:0} ms after the stop request");

    private static async Task<IReadOnlyList<LoadSample>> RunUntilShortlyBeforeTheDelayEndsAsync(LoadRun load, TimeSpan stopAt)
    {
        var windowEnd = stopAt + ShutdownDelay - LoadMargin;
        if (windowEnd > load.Elapsed)
        {
            await Task.Delay(windowEnd - load.Elapsed);
        }

        return await load.StopAsync();
    }
}
