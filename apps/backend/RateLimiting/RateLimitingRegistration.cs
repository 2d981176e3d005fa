using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

public static class RateLimitingRegistration
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitingOptions>>((limiter, gateway) =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = RetryAfterResponder.RejectAsync;
                foreach (var (name, settings) in gateway.Value.Policies)
                {
                    limiter.AddPolicy(name, new ClientPartitionedRateLimiterPolicy(settings));
                }
            });
        return services;
    }
}
