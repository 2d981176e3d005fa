using System.Diagnostics.Metrics;
using Gateway.Health;
using Yarp.ReverseProxy;

namespace Gateway.Observability;

/// <summary>
/// Per-cluster destination gauges on the "Gateway" meter, read at each scrape (Prometheus:
/// <c>gateway_cluster_destinations_healthy</c> and <c>gateway_cluster_destinations</c>, label <c>cluster</c>), so an
/// alert can fire on a dead upstream while readiness stays green.
/// </summary>
public sealed class UpstreamMetrics
{
    public const string MeterName = "Gateway";

    public UpstreamMetrics(IMeterFactory meterFactory, IProxyStateLookup proxyState)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "gateway.cluster.destinations.healthy",
            () => Measure(proxyState, cluster => cluster.Healthy),
            unit: "{destination}",
            description: "Destinations of the cluster not marked unhealthy by active or passive health checks.");
        meter.CreateObservableGauge(
            "gateway.cluster.destinations",
            () => Measure(proxyState, cluster => cluster.Total),
            unit: "{destination}",
            description: "Destinations configured for the cluster.");
    }

    private static IEnumerable<Measurement<int>> Measure(IProxyStateLookup proxyState, Func<ClusterDestinations, int> value) =>
        ClusterDestinations.Read(proxyState).Select(cluster => new Measurement<int>(value(cluster), new KeyValuePair<string, object?>("cluster", cluster.ClusterId)));
}
