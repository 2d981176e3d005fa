namespace Gateway.Configuration;

/// <summary>Process-wide settings from the <c>Gateway</c> section (docs/gateway.md says which apply on reload).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Optional JSON file (e.g. a mounted ConfigMap) layered over appsettings and reloaded on change.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>How long in-flight requests may run after SIGTERM before the host gives up on them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest accepted request body in bytes; a route may lower or raise it with the metadata key <c>MaxRequestBodySize</c>.</summary>
    public long MaxRequestBodySize { get; set; } = 10 * 1024 * 1024;

    /// <summary>Time allowed to open a TCP connection to a destination, so a black-holed destination fails fast.</summary>
    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public LogFormat LogFormat { get; set; } = LogFormat.Auto;

    /// <summary>
    /// Port of the management listener (<c>/metrics</c>, health detail), next to the public port(s) and on the same
    /// host(s); proxy routes are never served on it. Read at start-up.
    /// </summary>
    public int ManagementPort { get; set; } = 8081;

    /// <summary>Lets a reload remove every route; without it such a reload is refused, since an empty file usually means a broken mount.</summary>
    public bool AllowEmptyRoutes { get; set; }
}
