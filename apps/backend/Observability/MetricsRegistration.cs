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
        return services;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting();
        return app;
    }
}
