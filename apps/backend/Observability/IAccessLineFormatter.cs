namespace Gateway.Observability;

/// <summary>Turns an <see cref="AccessLogEntry"/> into its line, newline included. Called on the log writer's thread only.</summary>
public interface IAccessLineFormatter
{
    void Format(AccessLogEntry entry, TextWriter output);
}
