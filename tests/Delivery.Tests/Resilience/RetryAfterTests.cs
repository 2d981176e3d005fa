using Delivery.Resilience;

namespace Delivery.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [TestCase("1", 1)]
    [TestCase(" 120 ", 120)]
    [TestCase("Sun, 06 Dec 2026 12:00:30 GMT", 30)]
    [TestCase("Sun, 06 Dec 2026 11:59:00 GMT", 0)]
    public void Reads_seconds_or_an_HTTP_date(string value, int seconds) =>
        Assert.That(RetryAfter.Parse(value, Now), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("soon")]
    [TestCase("-5")]
    public void Anything_else_asks_for_no_wait(string? value) => Assert.That(RetryAfter.Parse(value, Now), Is.Null);

    [Test]
    public void The_jittered_back_off_stays_within_half_of_the_nominal_wait_and_is_capped_before_jitter()
    {
        var backoff = new Backoff(6, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backoff.Jittered(2, 0), Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(backoff.Jittered(3, 0.5), Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(backoff.Jittered(6, 0.999), Is.LessThan(TimeSpan.FromSeconds(15)));
        }
    }
}
