using Delivery.Benchmarks;

namespace Delivery.Tests.Benchmarks;

/// <summary>Time to 90 % of steady state: from a series of consecutive 1-second wrk windows after a fresh start.</summary>
public sealed class WarmUpRampTests
{
    private static List<LoadWindow> Series(params double[] rates) =>
        [.. rates.Select((rate, index) => new LoadWindow(TimeSpan.FromSeconds(1.02 * (index + 1)), rate))];

    [Test]
    public void The_end_of_the_first_window_at_the_threshold_counts()
    {
        // Steady state 20,000: the threshold is 18,000; the fourth window is the first at or above it.
        var windows = Series(6_000, 12_000, 17_999, 18_000, 17_000, 20_000);

        Assert.That(WarmUpRamp.TimeToReach(windows, 20_000, 0.9), Is.EqualTo(TimeSpan.FromSeconds(4.08)));
    }

    [Test]
    public void A_later_dip_does_not_move_it()
    {
        var windows = Series(19_000, 9_000, 9_000);

        Assert.That(WarmUpRamp.TimeToReach(windows, 20_000, 0.9), Is.EqualTo(TimeSpan.FromSeconds(1.02)));
    }

    [Test]
    public void Never_reaching_it_is_no_answer()
    {
        Assert.That(WarmUpRamp.TimeToReach(Series(5_000, 10_000, 17_900), 20_000, 0.9), Is.Null);
        Assert.That(WarmUpRamp.TimeToReach([], 20_000, 0.9), Is.Null);
    }

    [Test]
    public void A_steady_state_or_fraction_that_means_nothing_is_refused()
    {
        Assert.That(() => WarmUpRamp.TimeToReach(Series(1), 0, 0.9), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => WarmUpRamp.TimeToReach(Series(1), 100, 0), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => WarmUpRamp.TimeToReach(Series(1), 100, 90), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
