using System.Diagnostics;
using System.Net;

namespace TestSupport;

/// <summary>
/// Polls a readiness endpoint back to back (no sleep between requests) after a stop, as a load balancer's probes
/// would see it. What counts is when each probe was sent: a probe sent after readiness turned must answer 503,
/// however long its own round trip takes on a busy machine.
/// </summary>
internal static class ReadinessPoll
{
    /// <summary>
    /// Sends GET <paramref name="ready"/> until one answers 503; times are from <paramref name="since"/> (a
    /// <see cref="Stopwatch.GetTimestamp"/> taken just before the stop). Requests that fail are polled through.
    /// </summary>
    public static async Task<ReadinessFlip> UntilUnavailableAsync(HttpClient client, Uri ready, long since, TimeSpan timeout)
    {
        TimeSpan? lastReadySent = null;
        while (Stopwatch.GetElapsedTime(since) < timeout)
        {
            var sent = Stopwatch.GetElapsedTime(since);
            try
            {
                using var response = await client.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return new ReadinessFlip(lastReadySent, sent, Stopwatch.GetElapsedTime(since));
                }

                lastReadySent = sent;
            }
            catch (HttpRequestException)
            {
                // Keep polling: the answer that counts is the 503.
            }
        }

        Assert.Fail($"{ready} did not answer 503 within {timeout.TotalSeconds:0.#} s of the stop.");
        throw new InvalidOperationException("unreachable");
    }
}

/// <summary>When, after the stop, the last probe that still answered ready was sent, and the first 503 was sent and received.</summary>
internal sealed record ReadinessFlip(TimeSpan? LastReadySent, TimeSpan FirstUnavailableSent, TimeSpan FirstUnavailableReceived)
{
    public override string ToString() =>
        $"last 200 probe sent at {LastReadySent?.TotalMilliseconds ?? 0:0} ms, first 503 probe sent at {FirstUnavailableSent.TotalMilliseconds:0} ms " +
        $"and answered at {FirstUnavailableReceived.TotalMilliseconds:0} ms after the stop";
}
