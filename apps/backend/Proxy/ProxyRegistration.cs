using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Gateway.Proxy;

public static class ProxyRegistration
{
    public const string ReverseProxySectionName = "ReverseProxy";
    public const string PassiveHealthSectionName = "Gateway:PassiveHealth";

    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        // YARP validates routes and clusters (IConfigValidator) on the first load, failing start-up with
        // the route or cluster id, and on every reload, keeping the previous configuration when it fails.
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(ReverseProxySectionName))
            .AddConfigFilter<RouteMetadataValidator>()
            .AddUpstreamTraceContext(configuration);
        services.AddSingleton<IConfigChangeListener, Configuration.ProxyConfigChangeListener>();
        services.AddSingleton<IForwarderHttpClientFactory, ConnectTimeoutForwarderHttpClientFactory>();
        services.AddOptions<TransportFailureRateHealthPolicyOptions>().BindConfiguration(PassiveHealthSectionName);
        return services;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<RouteTimeoutStatusMiddleware>();
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }
}
