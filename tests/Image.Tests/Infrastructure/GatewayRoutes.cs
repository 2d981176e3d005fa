namespace Image.Tests.Infrastructure;

/// <summary>YARP routes and clusters as the environment variables docs/gateway.md describes (ReverseProxy__…).</summary>
public static class GatewayRoutes
{
    /// <summary>One route <paramref name="path"/> (e.g. /echo/{**rest}) to one destination, named <paramref name="name"/> throughout.</summary>
    public static Dictionary<string, string> To(string name, string path, Uri destination) => new()
    {
        [$"ReverseProxy__Routes__{name}__ClusterId"] = name,
        [$"ReverseProxy__Routes__{name}__Match__Path"] = path,
        [$"ReverseProxy__Clusters__{name}__Destinations__{name}__Address"] = destination.ToString(),
    };
}
