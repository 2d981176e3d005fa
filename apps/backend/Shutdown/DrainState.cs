namespace Gateway.Shutdown;

/// <summary>Whether the gateway is draining and how many requests it is serving: read by readiness, the pipeline and the drain's log lines.</summary>
public sealed class DrainState
{
    private int _draining;
    private long _inFlight;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Marks the gateway draining; false when it already was.</summary>
    public bool TryBeginDraining() => Interlocked.Exchange(ref _draining, 1) == 0;

    public void RequestStarted() => Interlocked.Increment(ref _inFlight);

    public void RequestFinished() => Interlocked.Decrement(ref _inFlight);
}
