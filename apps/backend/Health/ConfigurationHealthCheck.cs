using Gateway.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// The configuration in force is always valid (start-up refuses anything else), so a refused reload
/// only degrades readiness: traffic keeps flowing, but operators see that their change did not land.
/// </summary>
public sealed class ConfigurationHealthCheck(ConfigurationReloadStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = status.LastRejection is { } rejection
            ? HealthCheckResult.Degraded($"Last reload from {rejection.Source} was rejected at {rejection.At:O}: {rejection.Reason}")
            : HealthCheckResult.Healthy("Configuration is valid.");
        return Task.FromResult(result);
    }
}
