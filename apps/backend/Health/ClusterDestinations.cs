using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Health;

/// <summary>How many of a cluster's destinations are healthy right now.</summary>
public sealed record ClusterDestinations(string ClusterId, int Healthy, int Total)
{
    /// <summary>Every cluster in force, in YARP's order.</summary>
    public static IEnumerable<ClusterDestinations> Read(IProxyStateLookup proxyState) =>
        proxyState.GetClusters().Select(cluster =>
            // Not DestinationsState.AvailableDestinations: YARP's default "HealthyOrPanic" policy puts every
            // destination back in that list when all are unhealthy, which would hide the outage.
            new ClusterDestinations(cluster.ClusterId, cluster.Destinations.Values.Count(IsHealthy), cluster.Destinations.Count));

    // Unknown (not probed yet, or checks disabled) counts as healthy, as it does for YARP's load balancing.
    private static bool IsHealthy(DestinationState destination) =>
        destination.Health.Active != DestinationHealth.Unhealthy && destination.Health.Passive != DestinationHealth.Unhealthy;
}
