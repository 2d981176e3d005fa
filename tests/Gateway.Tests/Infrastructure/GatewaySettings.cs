namespace Gateway.Tests.Infrastructure;

/// <summary>Flat configuration keys for a gateway under test, with helpers for YARP routes and clusters.</summary>
public sealed class GatewaySettings
{
    // No shutdown delay unless a test sets one: every in-process gateway is stopped on dispose, and the
    // production default (5 s) would add that much to each test.
    public Dictionary<string, string?> Values { get; } = new(StringComparer.OrdinalIgnoreCase) { ["Gateway:ShutdownDelay"] = "00:00:00" };

    public GatewaySettings Set(string key, string? value)
    {
        Values[key] = value;
        return this;
    }

    public GatewaySettings Route(string routeId, string path, string clusterId, string? pathRemovePrefix = null)
    {
        Set($"ReverseProxy:Routes:{routeId}:ClusterId", clusterId);
        Set($"ReverseProxy:Routes:{routeId}:Match:Path", path);
        if (pathRemovePrefix is not null)
        {
            Set($"ReverseProxy:Routes:{routeId}:Transforms:0:PathRemovePrefix", pathRemovePrefix);
        }

        return this;
    }

    public GatewaySettings RouteSetting(string routeId, string key, string value) => Set($"ReverseProxy:Routes:{routeId}:{key}", value);

    public GatewaySettings Cluster(string clusterId, params Uri[] destinations)
    {
        for (var index = 0; index < destinations.Length; index++)
        {
            Set($"ReverseProxy:Clusters:{clusterId}:Destinations:d{index}:Address", destinations[index].ToString());
        }

        return this;
    }

    public GatewaySettings ClusterSetting(string clusterId, string key, string value) => Set($"ReverseProxy:Clusters:{clusterId}:{key}", value);

    /// <summary>As <c>--key=value</c> arguments for a gateway child process.</summary>
    public IEnumerable<string> AsArguments() => Values.Select(pair => $"--{pair.Key}={pair.Value}");
}
