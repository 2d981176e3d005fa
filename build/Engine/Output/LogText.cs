using Serilog.Events;
using Serilog.Formatting.Display;

namespace BuildEngine;

/// <summary>A log event's message as the console shows it: strings without quotes (Serilog's RenderMessage quotes them).</summary>
internal static class LogText
{
    private static readonly MessageTemplateTextFormatter Literal = new("{Message:lj}");

    public static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        Literal.Format(logEvent, writer);
        return writer.ToString();
    }
}
