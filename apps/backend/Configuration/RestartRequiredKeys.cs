namespace Gateway.Configuration;

/// <summary>
/// Which <c>Gateway</c> keys a reload changes that only take effect after a restart. ASP.NET reads Kestrel limits,
/// rate-limiter, CORS, JWT and authorization policies, logging, ports and shutdown settings once, so everything in
/// the section is restart-only except the keys read per request or per reload (kept in step with docs/gateway.md).
/// </summary>
public static class RestartRequiredKeys
{
    private static readonly string[] LiveKeys =
    [
        $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.MaxRequestBodySize)}",
        $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.UpstreamConnectTimeout)}",
        $"{GatewayOptions.SectionName}:{nameof(GatewayOptions.AllowEmptyRoutes)}",
        SecurityHeadersOptions.SectionName,
    ];

    /// <summary>Keys under <c>Gateway</c> whose value differs (or that appear or disappear), minus the live ones.</summary>
    public static IReadOnlyList<string> Changed(IConfiguration before, IConfiguration after)
    {
        var old = Flatten(before);
        var current = Flatten(after);
        return old.Keys.Union(current.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(key => !string.Equals(old.GetValueOrDefault(key), current.GetValueOrDefault(key), StringComparison.Ordinal))
            .Where(key => !LiveKeys.Any(live => key.Equals(live, StringComparison.OrdinalIgnoreCase) || key.StartsWith(live + ":", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static Dictionary<string, string?> Flatten(IConfiguration configuration) =>
        configuration.GetSection(GatewayOptions.SectionName).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
}
