namespace Gateway.Observability;

/// <summary>
/// The standard OpenTelemetry variables the gateway reads for trace export. They are read from configuration (so
/// environment variables, command line or appsettings), at start-up only: turning tracing on or off needs a restart.
/// </summary>
public sealed class TracingSettings
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string HttpProtobuf = "http/protobuf";
    public const string Grpc = "grpc";
    public const string DefaultServiceName = "gateway";

    /// <summary>Where spans go; unset or empty (the default) turns tracing off altogether.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>http/protobuf</c> (the default here: the .NET exporter's own default is gRPC) or <c>grpc</c>.</summary>
    public string Protocol { get; set; } = HttpProtobuf;

    public string ServiceName { get; set; } = DefaultServiceName;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public static TracingSettings From(IConfiguration configuration) => new()
    {
        Endpoint = NullIfEmpty(configuration[EndpointVariable]),
        Protocol = NullIfEmpty(configuration[ProtocolVariable]) ?? HttpProtobuf,
        ServiceName = NullIfEmpty(configuration[ServiceNameVariable]) ?? DefaultServiceName,
    };

    public void CopyTo(TracingSettings target)
    {
        target.Endpoint = Endpoint;
        target.Protocol = Protocol;
        target.ServiceName = ServiceName;
    }

    // The OpenTelemetry specification treats an empty variable as unset.
    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
