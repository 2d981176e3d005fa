using System.Diagnostics;
using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Shutdown;

/// <summary>
/// The drain load balancers can follow. The host calls every hosted-lifecycle service's <c>StoppingAsync</c> before
/// any hosted service's <c>StopAsync</c>, and Kestrel stops accepting only in its <c>StopAsync</c>: so while
/// <see cref="StoppingAsync"/> waits out <see cref="GatewayOptions.ShutdownDelay"/>, readiness already fails
/// (<see cref="DrainState"/>) and the gateway still accepts and serves. Then Kestrel stops accepting and waits for
/// in-flight requests until the host's shutdown token fires: <c>HostOptions.ShutdownTimeout</c> is
/// ShutdownDelay + DrainTimeout (<see cref="ShutdownRegistration"/>), so requests get DrainTimeout after the delay.
/// Readiness turns before that, in <see cref="IHostApplicationLifetime.ApplicationStopping"/>'s callback (see <see cref="StartedAsync"/>).
/// </summary>
public sealed partial class GracefulShutdown(
    DrainState state, IHostApplicationLifetime lifetime, IOptions<GatewayOptions> options, ILogger<GracefulShutdown> logger)
    : IHostedLifecycleService
{
    private CancellationTokenRegistration _stoppingRegistration;
    private CancellationTokenRegistration _timeoutRegistration;
    private long _stoppedAcceptingAt;
    private int _delayed;

    /// <summary>
    /// The host runs <see cref="StoppingAsync"/> in a continuation on the thread pool, which a loaded gateway keeps busy:
    /// under load on two cores, "Draining started" came 111 ms after SIGTERM that way. ApplicationStopping's callbacks run
    /// synchronously in StopApplication, on the thread that handles SIGTERM (a dedicated one in .NET), so readiness turns
    /// as the signal arrives.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _stoppingRegistration = lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDraining(); // a stop that did not go through StopApplication drains too
        if (Interlocked.Exchange(ref _delayed, 1) == 1)
        {
            return; // a second stop (tests stop a stopped host on dispose) must not wait the delay again
        }

        var gateway = options.Value;
        try
        {
            await Task.Delay(gateway.ShutdownDelay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The stop's token fired (the caller gave up, or the shutdown timeout passed): stop accepting now.
        }

        LogStoppingAccepting(logger, gateway.DrainTimeout, state.InFlight);
        _stoppedAcceptingAt = Stopwatch.GetTimestamp();
        // The token fires when the host's shutdown timeout ends the drain; Kestrel aborts what is still running then.
        _timeoutRegistration = cancellationToken.Register(() => LogDrainTimedOut(logger, gateway.DrainTimeout, state.InFlight));
    }

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stoppingRegistration.DisposeAsync();
        await _timeoutRegistration.DisposeAsync();
        // Once: a second stop (tests stop a stopped host on dispose) has nothing left to report.
        var stoppedAcceptingAt = Interlocked.Exchange(ref _stoppedAcceptingAt, 0);
        if (stoppedAcceptingAt != 0 && !cancellationToken.IsCancellationRequested)
        {
            LogDrained(logger, Stopwatch.GetElapsedTime(stoppedAcceptingAt).TotalMilliseconds);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void BeginDraining()
    {
        if (state.TryBeginDraining())
        {
            LogDrainingStarted(logger, options.Value.ShutdownDelay, state.InFlight);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Draining started: readiness now fails; still accepting and serving for the shutdown delay of {ShutdownDelay} so load balancers stop sending traffic ({InFlight} request(s) in flight).")]
    private static partial void LogDrainingStarted(ILogger logger, TimeSpan shutdownDelay, long inFlight);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Shutdown delay over: no longer accepting connections; waiting up to {DrainTimeout} for {InFlight} in-flight request(s).")]
    private static partial void LogStoppingAccepting(ILogger logger, TimeSpan drainTimeout, long inFlight);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Drained: every in-flight request completed {ElapsedMilliseconds:0} ms after the gateway stopped accepting.")]
    private static partial void LogDrained(ILogger logger, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Drain timed out after {DrainTimeout} with {InFlight} request(s) still in flight; they are aborted. Raise Gateway:DrainTimeout (and the stop grace period) if they should finish.")]
    private static partial void LogDrainTimedOut(ILogger logger, TimeSpan drainTimeout, long inFlight);
}
