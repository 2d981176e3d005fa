namespace Gateway.Configuration;

/// <summary>Which reverse proxies in front of the gateway may set X-Forwarded-* (<c>Gateway:ForwardedHeaders</c>).</summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "Gateway:ForwardedHeaders";

    /// <summary>Proxy addresses trusted in addition to loopback.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. <c>10.0.0.0/8</c>) trusted in addition to loopback.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops to unwind from X-Forwarded-For.</summary>
    public int ForwardLimit { get; set; } = 1;

    /// <summary>
    /// Whether X-Forwarded-Host from a trusted proxy replaces the request's Host. Off by default: a Host
    /// chosen by the caller reaches upstreams (links, redirects, tenant lookup), so it is only honoured for
    /// the host names listed in the root <c>AllowedHosts</c>, which must then be explicit.
    /// </summary>
    public bool ForwardHost { get; set; }
}
