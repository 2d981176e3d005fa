using Gateway.Shutdown;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>Unhealthy from SIGTERM on, so load balancers take the instance out of rotation while it still serves.</summary>
public sealed class DrainingHealthCheck(DrainState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDraining
            ? HealthCheckResult.Unhealthy("Shutting down: draining in-flight requests; send new traffic elsewhere.")
            : HealthCheckResult.Healthy("Not shutting down."));
}
