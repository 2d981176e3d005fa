using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Observability;

/// <summary>
/// One access line per request matched by a proxy route, including requests refused by a policy (401, 403, 413, 429)
/// before they reached a destination.
/// </summary>
/// <remarks>
/// The line is not a Serilog event: the request thread captures its fields into one <see cref="AccessLogEntry"/> and the
/// log writer's thread formats it, in order with every other line. As a Serilog event (the logging bridge's property
/// dictionary, the scopes' properties, the template rendered by a general formatter) it cost about a fifth of the
/// gateway's throughput (docs/gateway.md#performance). The line itself is unchanged, and so is the switch: the logger
/// category of this class at Information, so a level override for it (or for <c>Gateway</c>) still silences it.
/// </remarks>
public sealed class ProxiedRequestLoggingMiddleware(RequestDelegate next, ILogger<ProxiedRequestLoggingMiddleware> logger, BatchingConsoleSink lines)
{
    private const string NoDestination = "-";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        if (route is null)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                lines.Emit(Entry(context, route, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        }
    }

    private static AccessLogEntry Entry(HttpContext context, RouteModel route, double elapsedMilliseconds)
    {
        var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination;
        var span = Activity.Current;
        return new AccessLogEntry
        {
            Timestamp = DateTimeOffset.Now,
            TraceId = span?.TraceId,
            SpanId = span?.SpanId,
            Method = context.Request.Method,
            Path = context.Request.Path.ToString(),
            RouteId = route.Config.RouteId,
            ClusterId = route.Cluster?.ClusterId ?? route.Config.ClusterId ?? NoDestination,
            DestinationId = destination?.DestinationId ?? NoDestination,
            DestinationAddress = destination?.Model.Config.Address ?? NoDestination,
            StatusCode = context.Response.StatusCode,
            ElapsedMilliseconds = elapsedMilliseconds,
            ProxyError = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None,
            RequestId = context.TraceIdentifier,
            ConnectionId = context.Connection.Id,
        };
    }
}
