namespace Gateway.Management;

/// <summary>Endpoint metadata: which listener may serve the endpoint. Endpoints without it (proxy routes) are public only.</summary>
public sealed class PortScope
{
    private PortScope(bool onPublic, bool onManagement)
    {
        OnPublic = onPublic;
        OnManagement = onManagement;
    }

    /// <summary><c>/metrics</c> and the full health report.</summary>
    public static PortScope ManagementOnly { get; } = new(onPublic: false, onManagement: true);

    /// <summary>Liveness and readiness: the public port answers with a status code, the management port with detail.</summary>
    public static PortScope Both { get; } = new(onPublic: true, onManagement: true);

    public bool OnPublic { get; }

    public bool OnManagement { get; }
}
