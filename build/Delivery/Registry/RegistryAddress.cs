using System.Net;

namespace Delivery.Registry;

/// <summary>
/// A registry host (<c>ghcr.io</c>, <c>127.0.0.1:5000</c>, <c>localhost:5000</c>, <c>[::1]:5000</c>) as the registry HTTP API
/// is reached: over plain HTTP on loopback, where the docker engine also allows it without TLS, else over HTTPS.
/// </summary>
public static class RegistryAddress
{
    public static bool IsLoopback(string registry)
    {
        var host = HostOf(registry);
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>http://127.0.0.1:5000/ or https://ghcr.io/.</summary>
    public static Uri BaseUri(string registry) => new($"{(IsLoopback(registry) ? "http" : "https")}://{registry.TrimEnd('/')}/");

    private static string HostOf(string registry)
    {
        if (registry.StartsWith('['))
        {
            var end = registry.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? registry[1..end] : registry;
        }

        var colon = registry.LastIndexOf(':');
        return colon > 0 ? registry[..colon] : registry;
    }
}
