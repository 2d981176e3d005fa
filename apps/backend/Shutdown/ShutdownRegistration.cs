using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Shutdown;

public static class ShutdownRegistration
{
    /// <summary>The SIGTERM drain: failing readiness, the shutdown delay, then DrainTimeout for in-flight requests.</summary>
    public static IServiceCollection AddGatewayShutdown(this IServiceCollection services)
    {
        services.AddSingleton<DrainState>();
        services.AddHostedService<GracefulShutdown>();
        services.AddTransient<IStartupFilter, DrainStartupFilter>();
        // The host's shutdown token bounds the whole stop: the delay (GracefulShutdown.StoppingAsync) and the drain after it.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.ShutdownDelay + gateway.Value.DrainTimeout);
        return services;
    }
}
