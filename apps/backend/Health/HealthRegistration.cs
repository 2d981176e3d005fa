using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

public static class HealthRegistration
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ConfigurationHealthCheck>("configuration", tags: [ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [ReadyTag])
            .AddCheck<ProxyDestinationsHealthCheck>("destinations", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapGatewayHealthEndpoints(this WebApplication app)
    {
        // Liveness runs no checks: answering at all proves the process is up.
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableRateLimiting();
        return app;
    }
}
