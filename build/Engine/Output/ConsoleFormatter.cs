using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace BuildEngine;

/// <summary><c>HH:mm:ss [LVL] message</c>, coloured by level when the terminal takes ANSI colours.</summary>
internal sealed class ConsoleFormatter(bool colors) : ITextFormatter
{
    public const string Template = "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}";
    private readonly MessageTemplateTextFormatter plain = new(Template);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        var color = colors ? Ansi.ForLevel(logEvent.Level) : null;
        output.Write(color);
        plain.Format(logEvent, output);
        if (color is not null)
        {
            output.Write(Ansi.Reset);
        }
    }
}
