using Gateway.Management;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// Liveness: the process answers (no checks). Readiness: the checks tagged "ready" (configuration loaded and valid,
/// not draining). Upstream health is the separate <c>upstreams</c> check, in the full report on the management port.
/// </summary>
public static class HealthRegistration
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";

    /// <summary>Every check, upstreams included: management port only.</summary>
    public const string ReportPath = "/healthz";

    public const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ConfigurationHealthCheck>("configuration", tags: [ReadyTag])
            .AddCheck<DrainingHealthCheck>("draining", tags: [ReadyTag])
            .AddCheck<UpstreamsHealthCheck>("upstreams");
        return services;
    }

    public static WebApplication MapGatewayHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, Options(_ => false)).DisableRateLimiting().WithMetadata(PortScope.Both);
        app.MapHealthChecks(ReadyPath, Options(registration => registration.Tags.Contains(ReadyTag))).DisableRateLimiting().WithMetadata(PortScope.Both);
        app.MapHealthChecks(ReportPath, Options(_ => true)).DisableRateLimiting().WithMetadata(PortScope.ManagementOnly);
        return app;
    }

    // Degraded still serves traffic, so it answers 200; only Unhealthy is 503.
    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = HealthResponseWriter.WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
