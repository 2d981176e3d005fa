using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Gateway.Health;

/// <summary>
/// Reports per cluster how many destinations are healthy. Degraded, never Unhealthy, when a cluster that has
/// destinations has no healthy one: a dead upstream fails only its own routes (502/503), so it must not take the
/// gateway, and with it every other route, out of the load balancer. Not part of readiness.
/// </summary>
public sealed class UpstreamsHealthCheck(IProxyStateLookup proxyState) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clusters = ClusterDestinations.Read(proxyState).Where(cluster => cluster.Total > 0).ToList();
        var data = clusters.ToDictionary(cluster => cluster.ClusterId, cluster => (object)$"{cluster.Healthy}/{cluster.Total} destinations healthy");
        var withoutDestination = clusters.Where(cluster => cluster.Healthy == 0).Select(cluster => cluster.ClusterId).ToList();

        var result = withoutDestination.Count == 0
            ? HealthCheckResult.Healthy("Every cluster has a healthy destination.", data)
            : HealthCheckResult.Degraded($"No healthy destination in cluster(s): {string.Join(", ", withoutDestination)}.", data: data);
        return Task.FromResult(result);
    }
}
