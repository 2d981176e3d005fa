using Serilog;
using Serilog.Core;
using Serilog.Events;
using Tooling;

namespace BuildEngine;

/// <summary>
/// The build's Serilog pipeline: redaction first, then the console (at the chosen verbosity), the log file
/// <c>.nuke/temp/build.log</c> (everything from Debug up), the warnings/errors collector and the host's annotations.
/// </summary>
internal static class BuildLogging
{
    public static Logger Create(BuildHost host, SecretMasker masker, Verbosity verbosity, string? logFile, ILogEventSink collector)
    {
        var sinks = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Sink(new TextWriterSink(host.Output, new ConsoleFormatter(host.Colors, bareWorkflowCommands: host.Kind == HostKind.GitHubActions)), ToLevel(verbosity))
            .WriteTo.Sink(collector);
        if (logFile is not null)
        {
            sinks.WriteTo.File(logFile, outputTemplate: ConsoleFormatter.Template, restrictedToMinimumLevel: LogEventLevel.Debug);
        }

        if (host.CreateAnnotationSink() is { } annotations)
        {
            sinks.WriteTo.Sink(annotations);
        }

        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Sink(new RedactingSink(masker, sinks.CreateLogger()))
            .CreateLogger();
    }

    public static LogEventLevel ToLevel(Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Verbose => LogEventLevel.Verbose,
        _ => LogEventLevel.Information,
    };

    private sealed class TextWriterSink(TextWriter output, ConsoleFormatter formatter) : ILogEventSink
    {
        private readonly Lock gate = new();

        public void Emit(LogEvent logEvent)
        {
            lock (gate)
            {
                formatter.Format(logEvent, output);
                output.Flush();
            }
        }
    }
}
