using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Observability;

/// <summary>
/// What the access line of one proxied request says, captured on the request thread: plain fields, no formatting.
/// The log writer's thread turns it into text (<see cref="AccessLineJsonFormatter"/>, <see cref="AccessLineTextFormatter"/>).
/// </summary>
public sealed record AccessLogEntry
{
    /// <summary>The event id the line has carried since it was a Serilog event; log queries select access lines by it.</summary>
    public const int EventId = 2001;

    /// <summary>The event name that goes with <see cref="EventId"/>.</summary>
    public const string EventName = "LogProxiedRequest";

    /// <summary>The message template: <c>@m</c> is rendered from it, and <c>@i</c> is its hash, as for every other line.</summary>
    public const string MessageTemplate =
        "{Method} {Path} via route {RouteId} to cluster {ClusterId} destination {DestinationId} ({DestinationAddress}) answered {StatusCode} in {ElapsedMilliseconds:0.0} ms (proxy error: {ProxyError})";

    /// <summary>The logger category, <c>SourceContext</c>: a level override for it silences the access log.</summary>
    public static readonly string SourceContext = typeof(ProxiedRequestLoggingMiddleware).FullName!;

    /// <summary>Local time with its offset, as Serilog stamps its events: the text line shows its time of day.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The request's span (<c>@tr</c>, <c>@sp</c>); none when no activity was current.</summary>
    public required ActivityTraceId? TraceId { get; init; }

    public required ActivitySpanId? SpanId { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string RouteId { get; init; }

    public required string ClusterId { get; init; }

    public required string DestinationId { get; init; }

    public required string DestinationAddress { get; init; }

    public required int StatusCode { get; init; }

    public required double ElapsedMilliseconds { get; init; }

    /// <summary>Kept as the enum: its name is only looked up on the writer's thread.</summary>
    public required ForwarderError ProxyError { get; init; }

    /// <summary>The correlation id (<c>X-Request-Id</c>), from the correlation middleware's log scope before.</summary>
    public required string RequestId { get; init; }

    /// <summary>The connection, from ASP.NET Core's request log scope before.</summary>
    public required string ConnectionId { get; init; }
}
