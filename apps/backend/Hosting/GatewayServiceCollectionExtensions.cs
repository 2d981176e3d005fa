using Gateway.Configuration;
using Gateway.Health;
using Gateway.Middleware;
using Gateway.Observability;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Security;
using Gateway.Shutdown;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewayOptions();
        services.AddHostedService<ConfigurationRejectionLogger>();
        services.AddSingleton<ReloadValidator>();
        services.AddHostedService<ReloadValidatorActivation>();
        services.AddHostedService<ConfigurationReloadMetrics>();

        services.AddGatewayShutdown();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodySize;
            });
        services.Configure<SocketTransportOptions>(SocketTuning.Apply);

        // Nothing here issues cookies or antiforgery tokens; keeping keys in memory means a read-only
        // root filesystem never sees a key-ring write or warning.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();

        services.AddGatewayProxy(configuration);
        services.AddGatewayForwardedHeaders();
        services.AddGatewayHsts();
        services.AddGatewayRateLimiting();
        services.AddGatewayRequestTimeouts();
        services.AddGatewayCors();
        services.AddGatewayAuthentication();
        services.AddGatewayHealthChecks();
        services.AddGatewayMetrics();
        services.AddGatewayTracing(configuration);
        return services;
    }
}
