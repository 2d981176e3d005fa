using System.Net;
using Octokit;

namespace Delivery.Resilience;

/// <summary>How <see cref="RetryPolicies"/> reads Octokit's exceptions: which may pass, which are refusals, how long GitHub asks to wait.</summary>
public static class GitHubFailures
{
    /// <summary>A refusal for asking too often, which GitHub did nothing for: primary or secondary rate limit, 429.</summary>
    public static bool IsRateLimitRefusal(Exception exception) => exception switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException => true,
        ApiException api => api.StatusCode == HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>Worth asking again: a rate limit (primary or secondary), 408, 429, 5xx, or a connection that dropped.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RateLimitExceededException or SecondaryRateLimitExceededException => true,
        AuthorizationException or ForbiddenException => false,
        ApiException api => RetryPolicies.IsTransient(api.StatusCode) || api.InnerException is HttpRequestException,
        HttpRequestException => true,
        _ => false,
    };

    /// <summary>
    /// What GitHub asked the build to wait: until the primary rate limit's reset and a second more (the reset is to the
    /// second, and a clock behind GitHub's would otherwise ask again at once), or its <c>Retry-After</c>.
    /// </summary>
    public static TimeSpan? ServerWait(Exception exception, DateTimeOffset now) => exception switch
    {
        RateLimitExceededException limit => Max(limit.Reset.ToUniversalTime() - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1),
        ApiException { HttpResponse.Headers: { } headers } => RetryAfter.Parse(
            headers.FirstOrDefault(header => string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value, now),
        _ => null,
    };

    private static TimeSpan Max(TimeSpan one, TimeSpan other) => one > other ? one : other;
}
