using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Delivery.Tests.Notifications;

/// <summary>A Serilog logger whose events the test reads back, rendered as the build's console shows them.</summary>
internal sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public CapturedLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> Warnings => Messages(LogEventLevel.Warning);

    public IReadOnlyList<string> All => [.. events.Select(Render)];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    private List<string> Messages(LogEventLevel level) => [.. events.Where(logEvent => logEvent.Level == level).Select(Render)];

    private static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        new Serilog.Formatting.Display.MessageTemplateTextFormatter("{Message:lj}").Format(logEvent, writer);
        return writer.ToString();
    }
}
