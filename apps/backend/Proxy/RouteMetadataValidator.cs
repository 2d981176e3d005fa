using System.Globalization;
using Gateway.Middleware;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Checks the gateway's own route metadata on every YARP configuration load. A throw here makes YARP fail
/// start-up, or reject a reload and keep the previous routes, with the route id in the error.
/// </summary>
public sealed class RouteMetadataValidator : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        const string Key = RequestBodyLimitMiddleware.RouteMetadataKey;
        if (route.Metadata?.TryGetValue(Key, out var value) == true
            && !(long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0))
        {
            throw new InvalidOperationException(
                $"{ProxyRegistration.ReverseProxySectionName}:Routes:{route.RouteId}:Metadata:{Key} must be a positive whole number of bytes (was '{value}').");
        }

        return ValueTask.FromResult(route);
    }
}
