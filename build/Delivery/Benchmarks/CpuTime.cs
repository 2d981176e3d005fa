namespace Delivery.Benchmarks;

/// <summary>CPU time spent in user space (the program, its runtime and libraries) and in the kernel on its behalf.</summary>
public readonly record struct CpuTime(TimeSpan User, TimeSpan System)
{
    public TimeSpan Total => User + System;

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.User - before.User, after.System - before.System);
}

/// <summary>The CPU time a proxy used during one measured run, and that run's wall time.</summary>
public readonly record struct CpuUse(CpuTime Used, TimeSpan Wall)
{
    /// <summary>Share of one CPU: 1 is one CPU busy for the whole run.</summary>
    public double Busy => Used.Total / Wall;

    /// <summary>User and kernel CPU time per request, in microseconds, at <paramref name="requestsPerSecond"/> over the run's wall time.</summary>
    public (double User, double System) MicrosecondsPerRequest(double requestsPerSecond)
    {
        var requests = requestsPerSecond * Wall.TotalSeconds;
        return (Used.User.TotalMicroseconds / requests, Used.System.TotalMicroseconds / requests);
    }
}
