using Gateway.Configuration;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;

namespace Gateway.Proxy;

public static class RequestTimeoutRegistration
{
    public static IServiceCollection AddGatewayRequestTimeouts(this IServiceCollection services)
    {
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>()
            .Configure<IOptions<TimeoutOptions>>((timeouts, gateway) =>
            {
                foreach (var (name, timeout) in gateway.Value.Policies)
                {
                    // 504 is what a caller expects from a gateway whose upstream was too slow.
                    timeouts.AddPolicy(name, new RequestTimeoutPolicy { Timeout = timeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });
                }
            });
        return services;
    }
}
