namespace Delivery.Storage;

/// <summary>
/// Where a registry's HTTP API answers: https:// as every real registry (ghcr.io) requires, except on loopback,
/// where the local and test registries serve plain http:// (Docker itself treats 127.0.0.0/8 as insecure-allowed).
/// </summary>
public static class RegistryEndpoint
{
    public static Uri For(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']') + 1)] : registry.Split(':')[0];
        var loopback = host is "localhost" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
        return new Uri($"{(loopback ? "http" : "https")}://{registry}/");
    }
}
