using System.Threading.RateLimiting;
using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>A fixed window per client, identified as <see cref="ClientIdentity"/> describes.</summary>
public sealed class ClientPartitionedRateLimiterPolicy(RateLimitPolicySettings settings) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RetryAfterResponder.RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.PartitionKey(httpContext, settings.PartitionBy), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PermitLimit,
            Window = settings.Window,
            // A gateway should answer 429 at once rather than hold connections in a queue.
            QueueLimit = 0,
        });
}
