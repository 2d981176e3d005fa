using Serilog.Core;
using Serilog.Events;

namespace BuildEngine;

/// <summary>Keeps every warning and error (already redacted) so they can be replayed above the summary.</summary>
internal sealed class DiagnosticCollector : ILogEventSink
{
    private readonly List<(LogEventLevel Level, string Message)> entries = [];
    private readonly Lock gate = new();

    public IReadOnlyList<(LogEventLevel Level, string Message)> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            return;
        }

        lock (gate)
        {
            entries.Add((logEvent.Level, LogText.Render(logEvent)));
        }
    }
}
