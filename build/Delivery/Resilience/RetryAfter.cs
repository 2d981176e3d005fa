using System.Globalization;
using System.Net.Http.Headers;

namespace Delivery.Resilience;

/// <summary>
/// A server's <c>Retry-After</c> (RFC 9110 §10.2.3): a number of seconds, or an HTTP date. Registries and GitHub send it
/// with 429 and 503; a client that waits less only gets refused again.
/// </summary>
public static class RetryAfter
{
    /// <summary>The wait <paramref name="headers"/> ask for, from <paramref name="now"/>; null when they ask for none.</summary>
    public static TimeSpan? From(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => NotNegative(delta),
        { Date: { } date } => NotNegative(date - now),
        _ => null,
    };

    /// <summary>The same for a header value as text (Octokit hands headers over as a dictionary of strings).</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? NotNegative(date - now)
            : null;
    }

    /// <summary>Text for a message: <c>Retry-After: 30 s</c>, or that the server sent none.</summary>
    public static string Describe(TimeSpan? wait) =>
        wait is { } value ? $"Retry-After: {value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : "no Retry-After";

    private static TimeSpan NotNegative(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
