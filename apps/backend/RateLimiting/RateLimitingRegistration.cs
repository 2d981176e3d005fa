using System.Threading.RateLimiting;
using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.RateLimiting;

public static class RateLimitingRegistration
{
    private const string GlobalPartition = "global";

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

                if (gateway.Value.Global is { } global)
                {
                    limiter.GlobalLimiter = GlobalLimiter(global);
                }
            });
        return services;
    }

    /// <summary>One window for all proxied requests; health and metrics endpoints are not YARP routes and stay unlimited.</summary>
    private static PartitionedRateLimiter<HttpContext> GlobalLimiter(GlobalRateLimitSettings global) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter(string.Empty)
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(GlobalPartition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = global.PermitLimit,
                    Window = global.Window,
                    QueueLimit = 0,
                }));
}
