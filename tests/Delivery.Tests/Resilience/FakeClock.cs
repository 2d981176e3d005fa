using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Tests.Resilience;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that notes every wait started on it (a retry's back-off) and, by default, lets
/// it elapse at once by advancing the fake time, so no test sleeps for real back-off. With
/// <c>advancesItself: false</c> the test advances the time itself, after <see cref="NextWaitAsync"/>. It starts
/// at the real time, since stand-ins stamp rate-limit resets with the real clock.
/// </summary>
internal sealed class FakeClock(bool advancesItself = true) : FakeTimeProvider(DateTimeOffset.UtcNow)
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();
    private readonly SemaphoreSlim started = new(0);

    /// <summary>Every wait started, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            waits.Enqueue(dueTime);
            if (advancesItself)
            {
                // Not inline: the caller has not stored its timer yet.
                ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
            }
            else
            {
                started.Release();
            }
        }

        return timer;
    }

    /// <summary>Waits (really, up to 10 s) until the code under test starts a wait on this clock; returns that wait.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        if (!await started.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("No wait was started on the fake clock within 10 s.");
        }

        return waits.Last();
    }
}
