using Delivery.Registry;

namespace Delivery.Metrics;

/// <summary>
/// Whether the image report may ask the registry for the previous image: only where that is expected and quick. On
/// CI (the registry is the one the run pushes to), for a loopback registry (the offline profile's), or when
/// --compare-image-size asks for it. A laptop build defaults to ghcr.io, which it must not wait on or be refused by.
/// </summary>
public static class RegistryComparisonPolicy
{
    /// <summary>Null when the registry may be queried; otherwise why not, for the report.</summary>
    public static string? WhyNotQuery(string registry, bool onCi, bool requested) =>
        onCi || requested || RegistryAddress.IsLoopback(registry)
            ? null
            : $"not compared: a local build does not query {registry} (pass --compare-image-size to compare)";
}
