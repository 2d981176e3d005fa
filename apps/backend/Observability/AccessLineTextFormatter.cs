using Serilog.Formatting.Display;

namespace Gateway.Observability;

/// <summary>
/// The access line as readable text, what Serilog's <see cref="MessageTemplateTextFormatter"/> wrote for it with the
/// gateway's text template (<see cref="GatewayLogging.TextTemplate"/>): the time of day, level, category, and the message with
/// its strings as they are.
/// </summary>
public sealed class AccessLineTextFormatter : IAccessLineFormatter
{
    public void Format(AccessLogEntry entry, TextWriter output)
    {
        Span<char> digits = stackalloc char[64];
        output.Write('[');
        output.Write(AccessLineMessage.Formatted(entry.Timestamp, "HH:mm:ss", digits));
        output.Write(" INF] ");
        output.Write(AccessLogEntry.SourceContext);
        output.Write(": ");
        AccessLineMessage.Render(entry, new TextMessageWriter(output), digits);
        output.WriteLine();
    }

    private readonly struct TextMessageWriter(TextWriter output) : AccessLineMessage.IMessageWriter
    {
        public void Literal(ReadOnlySpan<char> text) => output.Write(text);

        public void Value(string value) => output.Write(value);
    }
}
