using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Health;

/// <summary>Ready only while every cluster that has destinations can reach at least one healthy one.</summary>
public sealed class ProxyDestinationsHealthCheck(IProxyStateLookup proxyState) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var clustersWithoutDestination = new List<string>();
        foreach (var cluster in proxyState.GetClusters())
        {
            var total = cluster.Destinations.Count;
            if (total == 0)
            {
                continue;
            }

            // Not DestinationsState.AvailableDestinations: YARP's default "HealthyOrPanic" policy puts every
            // destination back in that list when all are unhealthy, which would hide the outage.
            var available = cluster.Destinations.Values.Count(IsHealthy);
            data[cluster.ClusterId] = $"{available}/{total} destinations healthy";
            if (available == 0)
            {
                clustersWithoutDestination.Add(cluster.ClusterId);
            }
        }

        var result = clustersWithoutDestination.Count == 0
            ? HealthCheckResult.Healthy("Every cluster has a healthy destination.", data)
            : HealthCheckResult.Unhealthy($"No healthy destination in cluster(s): {string.Join(", ", clustersWithoutDestination)}.", data: data);
        return Task.FromResult(result);
    }

    // Unknown (not probed yet, or checks disabled) counts as healthy, as it does for YARP's load balancing.
    private static bool IsHealthy(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;
}
