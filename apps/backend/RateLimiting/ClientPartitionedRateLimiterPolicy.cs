using System.Threading.RateLimiting;
using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>A fixed window per client, identified by API key or by IP address.</summary>
public sealed class ClientPartitionedRateLimiterPolicy(RateLimitPolicySettings settings) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RetryAfterResponder.RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(PartitionKey(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            // A gateway should answer 429 at once rather than hold connections in a queue.
            QueueLimit = 0,
        });

    private string PartitionKey(HttpContext context)
    {
        if (settings.PartitionBy == Configuration.RateLimitPartition.ApiKey
            && context.Request.Headers.TryGetValue(settings.ApiKeyHeader, out var apiKey)
            && !string.IsNullOrEmpty(apiKey))
        {
            return "key:" + apiKey;
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
