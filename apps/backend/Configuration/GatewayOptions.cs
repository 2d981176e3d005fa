namespace Gateway.Configuration;

/// <summary>Process-wide settings from the <c>Gateway</c> section (docs/gateway.md says which apply on reload).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Optional JSON file (e.g. a mounted ConfigMap) layered over appsettings and reloaded on change.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>
    /// After <see cref="ShutdownDelay"/>, how long in-flight requests may still run before the host aborts them.
    /// 20 s: with the 5 s delay the whole stop takes at most 25 s, inside Kubernetes' default 30 s grace period.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

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

    /// <summary>
    /// After SIGTERM: readiness fails at once but the gateway keeps accepting and serving for this long, so load
    /// balancers (Kubernetes endpoints, a proxy's health checks) stop sending it traffic before it stops accepting.
    /// 5 s: enough for endpoint removal to reach kube-proxy and ingress controllers, and short enough that an idle
    /// gateway still exits 0 under a plain <c>docker stop</c> (10 s grace).
    /// </summary>
    public TimeSpan ShutdownDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The orchestrator's grace period between SIGTERM and SIGKILL, when known (compose <c>stop_grace_period</c>,
    /// Kubernetes <c>terminationGracePeriodSeconds</c>); start-up fails when the drain could not finish within it.
    /// </summary>
    public TimeSpan? StopGracePeriod { get; set; }
}
