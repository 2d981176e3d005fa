using System.Globalization;
using Serilog.Parsing;

namespace Gateway.Observability;

/// <summary>
/// Renders <see cref="AccessLogEntry.MessageTemplate"/> for an entry. The template is parsed once, with Serilog's parser,
/// so the line's text and its <c>@i</c> hash come from the one constant. Numbers are formatted as Serilog formats them
/// (the template's format, the invariant culture); how a string value looks is the writer's business.
/// </summary>
internal static class AccessLineMessage
{
    private static readonly MessageTemplateToken[] Tokens = [.. new MessageTemplateParser().Parse(AccessLogEntry.MessageTemplate).Tokens];

    /// <summary>Receives the rendered message piece by piece.</summary>
    public interface IMessageWriter
    {
        /// <summary>Template text, or a number already formatted.</summary>
        void Literal(ReadOnlySpan<char> text);

        /// <summary>A string property's value.</summary>
        void Value(string value);
    }

    public static void Render<TWriter>(AccessLogEntry entry, TWriter writer, Span<char> digits)
        where TWriter : IMessageWriter
    {
        foreach (var token in Tokens)
        {
            if (token is not PropertyToken property)
            {
                writer.Literal(((TextToken)token).Text);
                continue;
            }

            switch (property.PropertyName)
            {
                case nameof(AccessLogEntry.StatusCode):
                    writer.Literal(Formatted(entry.StatusCode, property.Format, digits));
                    break;
                case nameof(AccessLogEntry.ElapsedMilliseconds):
                    writer.Literal(Formatted(entry.ElapsedMilliseconds, property.Format, digits));
                    break;
                default:
                    writer.Value(StringProperty(entry, property.PropertyName));
                    break;
            }
        }
    }

    public static ReadOnlySpan<char> Formatted<T>(T value, string? format, Span<char> buffer)
        where T : ISpanFormattable =>
        value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture) ? buffer[..written] : value.ToString(format, CultureInfo.InvariantCulture);

    private static string StringProperty(AccessLogEntry entry, string name) => name switch
    {
        nameof(AccessLogEntry.Method) => entry.Method,
        nameof(AccessLogEntry.Path) => entry.Path,
        nameof(AccessLogEntry.RouteId) => entry.RouteId,
        nameof(AccessLogEntry.ClusterId) => entry.ClusterId,
        nameof(AccessLogEntry.DestinationId) => entry.DestinationId,
        nameof(AccessLogEntry.DestinationAddress) => entry.DestinationAddress,
        nameof(AccessLogEntry.ProxyError) => entry.ProxyError.ToString(),
        _ => throw new InvalidOperationException($"The access log template names {{{name}}}, which AccessLogEntry does not have."),
    };
}
