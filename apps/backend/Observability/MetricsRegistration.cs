using Gateway.Management;
using OpenTelemetry.Metrics;

namespace Gateway.Observability;

public static class MetricsRegistration
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddMeter("Gateway")
            .AddPrometheusExporter());
        services.AddSingleton<UpstreamMetrics>();
        return services;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        // Created here, not at the first scrape, so the gauges exist from start-up.
        app.Services.GetRequiredService<UpstreamMetrics>();
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting().WithMetadata(PortScope.ManagementOnly);
        return app;
    }
}
