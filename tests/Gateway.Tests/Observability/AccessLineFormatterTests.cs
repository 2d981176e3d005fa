using System.Diagnostics;
using System.Globalization;
using Gateway.Observability;
using Gateway.Tests.Infrastructure;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Tests.Observability;

/// <summary>
/// The access line was a Serilog event until the gateway wrote it itself (docs/gateway.md#performance). Log pipelines
/// parse it, so it must stay the same line: each case logs the entry the way the gateway used to (a [LoggerMessage]
/// method through Serilog's logging bridge, inside the correlation and request scopes, with an activity current), formats
/// that event with Serilog's formatter, and compares it character for character with the gateway's own formatter.
/// </summary>
public sealed partial class AccessLineFormatterTests
{
    private static readonly TestCaseData[] Entries =
    [
        new TestCaseData(SampleAccessLogEntry.With()).SetArgDisplayNames("plain"),
        new TestCaseData(SampleAccessLogEntry.With(routeId: "say \"hi\"", destinationAddress: @"http://h/\path\", clusterId: "\"")).SetArgDisplayNames("quotes and backslashes"),
        new TestCaseData(SampleAccessLogEntry.With(routeId: "tab\there", clusterId: "line\nbreak\r\f\b\u0001\u001f")).SetArgDisplayNames("control characters"),
        new TestCaseData(SampleAccessLogEntry.With(path: "/café/😀", destinationId: "ünïcödé")).SetArgDisplayNames("beyond ASCII"),
        new TestCaseData(SampleAccessLogEntry.With(statusCode: 429, destinationId: "-", destinationAddress: "-", elapsedMilliseconds: 0.04999)).SetArgDisplayNames("refused, no destination"),
        new TestCaseData(SampleAccessLogEntry.With(statusCode: 502, proxyError: ForwarderError.RequestTimedOut, elapsedMilliseconds: 12345.678901234)).SetArgDisplayNames("proxy error"),
        new TestCaseData(SampleAccessLogEntry.With(elapsedMilliseconds: 1e-7)).SetArgDisplayNames("long time"),
    ];

    [TestCaseSource(nameof(Entries))]
    public void The_json_line_is_the_line_serilog_wrote(AccessLogEntry entry)
    {
        AssertSameLine(entry, new RenderedCompactJsonFormatter(), new AccessLineJsonFormatter());
    }

    [TestCaseSource(nameof(Entries))]
    public void The_text_line_is_the_line_serilog_wrote(AccessLogEntry entry)
    {
        AssertSameLine(entry, new MessageTemplateTextFormatter(GatewayLogging.TextTemplate), new AccessLineTextFormatter());
    }

    [Test]
    public void Without_a_current_activity_the_json_line_has_no_trace_or_span()
    {
        var entry = SampleAccessLogEntry.With();

        var line = Formatted(new AccessLineJsonFormatter(), entry);

        Assert.That(line, Does.Not.Contain("\"@tr\"").And.Not.Contain("\"@sp\""));
        Assert.That(line, Is.EqualTo(Formatted(new RenderedCompactJsonFormatter(), LoggedThroughSerilog(entry, span: null))));
    }

    private static void AssertSameLine(AccessLogEntry sample, ITextFormatter serilogFormatter, IAccessLineFormatter gatewayFormatter)
    {
        using var span = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        var entry = sample with { TraceId = span.TraceId, SpanId = span.SpanId };

        var expected = Formatted(serilogFormatter, LoggedThroughSerilog(entry, span));

        Assert.That(Formatted(gatewayFormatter, entry), Is.EqualTo(expected));
    }

    /// <summary>The event the gateway's [LoggerMessage] method produced for the same request, before the access log wrote its own lines.</summary>
    private static LogEvent LoggedThroughSerilog(AccessLogEntry entry, Activity? span)
    {
        var sink = new CapturingSink();
        using (var serilog = new LoggerConfiguration().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger())
        using (var factory = new SerilogLoggerFactory(serilog))
        {
            var logger = factory.CreateLogger<ProxiedRequestLoggingMiddleware>();
            var previous = Activity.Current;
            Activity.Current = span;
            try
            {
                // ASP.NET Core's request scope (its RequestId is Kestrel's, before the correlation middleware replaces it),
                // then the correlation middleware's.
                using (logger.BeginScope(new List<KeyValuePair<string, object>> { new("RequestId", "0HNQK9J4H85P3:00000001"), new("RequestPath", entry.Path), new("ConnectionId", entry.ConnectionId) }))
                using (logger.BeginScope(new List<KeyValuePair<string, object>> { new("RequestId", entry.RequestId) }))
                {
                    LogProxiedRequest(logger, entry.Method, entry.Path, entry.RouteId, entry.ClusterId, entry.DestinationId, entry.DestinationAddress, entry.StatusCode, entry.ElapsedMilliseconds, entry.ProxyError.ToString());
                }
            }
            finally
            {
                Activity.Current = previous;
            }
        }

        var logged = sink.Events.Single();
        // The bridge stamps its own time; the comparison is about everything else.
        return new LogEvent(entry.Timestamp, logged.Level, logged.Exception, logged.MessageTemplate, logged.Properties.Select(property => new LogEventProperty(property.Key, property.Value)), logged.TraceId ?? default, logged.SpanId ?? default);
    }

    private static string Formatted(ITextFormatter formatter, LogEvent logEvent)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, output);
        return output.ToString();
    }

    private static string Formatted(IAccessLineFormatter formatter, AccessLogEntry entry)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(entry, output);
        return output.ToString();
    }

    [LoggerMessage(EventId = AccessLogEntry.EventId, Level = LogLevel.Information, Message = AccessLogEntry.MessageTemplate)]
    private static partial void LogProxiedRequest(Microsoft.Extensions.Logging.ILogger logger, string method, string path, string routeId, string clusterId, string destinationId, string destinationAddress, int statusCode, double elapsedMilliseconds, string proxyError);
}
