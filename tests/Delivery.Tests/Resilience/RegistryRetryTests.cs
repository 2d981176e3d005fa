using Delivery.Registry;
using Delivery.Resilience;
using Delivery.Tests.Registry;
using Tooling;

namespace Delivery.Tests.Resilience;

/// <summary>
/// The registry client's retries against <see cref="TokenRegistry"/> (loopback Kestrel) on a fake clock: a 429's
/// <c>Retry-After</c> is waited out (seconds or an HTTP date) and the read succeeds, a 429 that persists fails naming
/// the rate limit, and the jittered back-off differs between two legs.
/// </summary>
public sealed class RegistryRetryTests : TokenRegistryFixture
{
    [Test]
    public async Task A_429_with_Retry_After_1_is_retried_after_that_second_and_the_read_succeeds()
    {
        Registry.Refusals.Enqueue((429, "1"));
        var clock = new FakeClock(advancesItself: false);

        var read = Client(clock).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag);
        var wait = await clock.NextWaitAsync();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var sentBeforeTheSecond = BearerRequests();
        clock.Advance(wait - TimeSpan.FromMilliseconds(999));
        var manifest = await read;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(wait, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2)), "Retry-After: 1, lengthened by at most a fifth");
            Assert.That(sentBeforeTheSecond, Is.EqualTo(1), "no retry before Retry-After has passed");
            Assert.That(manifest?.Digest, Is.EqualTo(TokenRegistry.Digest));
            Assert.That(BearerRequests(), Is.EqualTo(2), "the refused read and its retry");
        }
    }

    [Test]
    public async Task A_Retry_After_given_as_an_HTTP_date_is_honoured()
    {
        var clock = new FakeClock();
        Registry.Refusals.Enqueue((503, clock.GetUtcNow().AddSeconds(30).ToString("r")));

        var manifest = await Client(clock).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(manifest, Is.Not.Null);
            Assert.That(clock.Waits.Single(), Is.InRange(TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(36)),
                "until the date (to the second), lengthened by at most a fifth");
        }
    }

    [Test]
    public async Task A_429_that_persists_fails_naming_the_rate_limit_and_Retry_After()
    {
        for (var i = 0; i < 4; i++)
        {
            Registry.Refusals.Enqueue((429, "1"));
        }

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() =>
            Client(new FakeClock()).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain($"The registry {Registry.Address} is rate limiting this build")
                .And.Contain("429 Too Many Requests")
                .And.Contain("4 times")
                .And.Contain("Retry-After: 1 s"));
            Assert.That(failure.Message, Does.Not.Contain("Check --registry and --image-name"));
            Assert.That(BearerRequests(), Is.EqualTo(4), "Backoff.Default's four attempts");
        }
    }

    [Test]
    public async Task A_Retry_After_longer_than_the_build_waits_fails_at_once_saying_how_long()
    {
        Registry.Refusals.Enqueue((429, "3600"));
        var clock = new FakeClock();

        var failure = await Assert.ThrowsAsync<BuildFailedException>(() => Client(clock).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Does.Contain("rate limiting").And.Contain("Retry-After: 3600 s").And.Contain("longer than the build waits"));
            Assert.That(BearerRequests(), Is.EqualTo(1));
            Assert.That(clock.Waits, Is.Empty);
        }
    }

    [Test]
    public async Task Two_legs_failing_together_wait_differently()
    {
        Registry.Failure = 503;
        var one = new FakeClock();
        var other = new FakeClock();

        await Assert.ThrowsAsync<BuildFailedException>(() => Client(one).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));
        await Assert.ThrowsAsync<BuildFailedException>(() => Client(other).GetManifestAsync(TokenRegistry.Repository, TokenRegistry.Tag));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(one.Waits, Has.Count.EqualTo(3));
            Assert.That(other.Waits, Has.Count.EqualTo(3));
            Assert.That(one.Waits, Is.Not.EqualTo(other.Waits), "jitter: not the lockstep 2, 4, 8 s of every leg");
        }
    }

    private int BearerRequests() => Registry.Requests.Count(request => request.EndsWith(" Bearer", StringComparison.Ordinal));

    private RegistryClient Client(FakeClock clock) =>
        new(Http, Registry.Address, new RegistryCredentials(Registry.Address, TokenRegistry.Username, TokenRegistry.Password, "test"), Serilog.Core.Logger.None) { Time = clock };
}
