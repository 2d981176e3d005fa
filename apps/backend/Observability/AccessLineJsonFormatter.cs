using System.Globalization;
using Serilog.Formatting.Compact;

namespace Gateway.Observability;

/// <summary>
/// The access line as compact JSON, character for character what Serilog's <see cref="RenderedCompactJsonFormatter"/>
/// wrote for it when it was a Serilog event (<c>AccessLineFormatterTests</c> compares the two): the same keys in the same
/// order, <c>@m</c> rendered the same way, <c>@i</c> the same hash. Log queries and dashboards built on the old line keep
/// working. It allocates nothing per line: numbers are formatted on the stack, ids and enum names are strings already.
/// </summary>
public sealed class AccessLineJsonFormatter : IAccessLineFormatter
{
    private static readonly string EventIdHash = Serilog.Formatting.Compact.EventIdHash.Compute(AccessLogEntry.MessageTemplate).ToString("x8", CultureInfo.InvariantCulture);

    public void Format(AccessLogEntry entry, TextWriter output)
    {
        Span<char> digits = stackalloc char[64];

        output.Write("{\"@t\":\"");
        output.Write(AccessLineMessage.Formatted(entry.Timestamp.UtcDateTime, "O", digits));
        output.Write("\",\"@m\":\"");
        WriteMessage(entry, output, digits);
        output.Write("\",\"@i\":\"");
        output.Write(EventIdHash);
        output.Write('"');
        if (entry.TraceId is { } traceId && entry.SpanId is { } spanId)
        {
            output.Write(",\"@tr\":\"");
            output.Write(traceId.ToHexString());
            output.Write("\",\"@sp\":\"");
            output.Write(spanId.ToHexString());
            output.Write('"');
        }

        WriteString(output, "Method", entry.Method);
        WriteString(output, "Path", entry.Path);
        WriteString(output, "RouteId", entry.RouteId);
        WriteString(output, "ClusterId", entry.ClusterId);
        WriteString(output, "DestinationId", entry.DestinationId);
        WriteString(output, "DestinationAddress", entry.DestinationAddress);
        output.Write(",\"StatusCode\":");
        output.Write(AccessLineMessage.Formatted(entry.StatusCode, null, digits));
        output.Write(",\"ElapsedMilliseconds\":");
        output.Write(AccessLineMessage.Formatted(entry.ElapsedMilliseconds, "R", digits));
        WriteString(output, "ProxyError", entry.ProxyError.ToString());
        output.Write(",\"EventId\":{\"Id\":");
        output.Write(AccessLineMessage.Formatted(AccessLogEntry.EventId, null, digits));
        output.Write(",\"Name\":\"" + AccessLogEntry.EventName + "\"}");
        WriteString(output, "SourceContext", AccessLogEntry.SourceContext);

        // The scope properties the Serilog event carried: the correlation id, then ASP.NET Core's request scope.
        WriteString(output, "RequestId", entry.RequestId);
        WriteString(output, "RequestPath", entry.Path);
        WriteString(output, "ConnectionId", entry.ConnectionId);
        output.Write('}');
        output.WriteLine();
    }

    /// <summary>
    /// <c>@m</c>: the template rendered as Serilog renders it into JSON: every string in double quotes, its own double
    /// quotes escaped with a backslash; numbers with the invariant culture; then the whole text escaped as a JSON string.
    /// </summary>
    private static void WriteMessage(AccessLogEntry entry, TextWriter output, Span<char> digits) =>
        AccessLineMessage.Render(entry, new JsonMessageWriter(output), digits);

    private static void WriteString(TextWriter output, string name, string value)
    {
        output.Write(",\"");
        output.Write(name);
        output.Write("\":\"");
        JsonText.WriteEscaped(value, output);
        output.Write('"');
    }

    /// <summary>Writes the message's pieces JSON-escaped; a string value as Serilog renders it, quoted.</summary>
    private readonly struct JsonMessageWriter(TextWriter output) : AccessLineMessage.IMessageWriter
    {
        public void Literal(ReadOnlySpan<char> text) => JsonText.WriteEscaped(text, output);

        public void Value(string value)
        {
            JsonText.WriteEscaped("\"", output);
            var rest = value.AsSpan();
            for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
            {
                JsonText.WriteEscaped(rest[..quote], output);
                JsonText.WriteEscaped("\\\"", output);
                rest = rest[(quote + 1)..];
            }

            JsonText.WriteEscaped(rest, output);
            JsonText.WriteEscaped("\"", output);
        }
    }
}
