using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Tooling;

namespace BuildEngine;

/// <summary>
/// <c>HH:mm:ss [LVL] message</c>, coloured by level when the terminal takes ANSI colours; with
/// <paramref name="bareWorkflowCommands"/> (on GitHub Actions) a tool's workflow command line as the tool wrote it.
/// </summary>
internal sealed class ConsoleFormatter(bool colors, bool bareWorkflowCommands = false) : ITextFormatter
{
    public const string Template = "{Timestamp:HH:mm:ss} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    private readonly MessageTemplateTextFormatter plain = new(Template);
    private readonly MessageTemplateTextFormatter bare = new("{Message:lj}{NewLine}");

    public void Format(LogEvent logEvent, TextWriter output)
    {
        if (bareWorkflowCommands && logEvent.Properties.ContainsKey(ToolRunner.WorkflowCommandProperty))
        {
            bare.Format(logEvent, output);
            return;
        }

        if ((colors ? Ansi.ForLevel(logEvent.Level) : null) is not { } color)
        {
            plain.Format(logEvent, output);
            return;
        }

        // The reset before the closing newline: after it, it would start the next line, and a workflow command there
        // (the ::error annotation that follows every error) would no longer be at the start of its line.
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        plain.Format(logEvent, text);
        var rendered = text.ToString();
        var body = rendered.TrimEnd('\r', '\n');
        output.Write(color + body + Ansi.Reset + rendered[body.Length..]);
    }
}
