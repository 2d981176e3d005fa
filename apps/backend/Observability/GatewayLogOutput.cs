namespace Gateway.Observability;

/// <summary>
/// Where the gateway's log lines go: standard output (the default). In-process tests register one of their own before
/// <see cref="GatewayLogging.AddGatewayLogging"/> to read the lines the gateway writes, formatting included.
/// </summary>
public sealed class GatewayLogOutput(Stream stream)
{
    public Stream Stream { get; } = stream;

    public static GatewayLogOutput StandardOutput() => new(Console.OpenStandardOutput());
}
