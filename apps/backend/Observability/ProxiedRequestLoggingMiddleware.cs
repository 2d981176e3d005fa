using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Observability;

/// <summary>
/// One structured log line per request matched by a proxy route, including requests refused by a
/// policy (401, 403, 413, 429) before they reached a destination.
/// </summary>
public sealed partial class ProxiedRequestLoggingMiddleware(RequestDelegate next, ILogger<ProxiedRequestLoggingMiddleware> logger)
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
            var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination;
            LogProxiedRequest(
                logger,
                context.Request.Method,
                context.Request.Path,
                route.Config.RouteId,
                route.Cluster?.ClusterId ?? route.Config.ClusterId ?? NoDestination,
                destination?.DestinationId ?? NoDestination,
                destination?.Model.Config.Address ?? NoDestination,
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.Features.Get<IForwarderErrorFeature>()?.Error.ToString() ?? "None");
        }
    }

    [LoggerMessage(
        EventId = 2001,
        Level = LogLevel.Information,
        Message = "{Method} {Path} via route {RouteId} to cluster {ClusterId} destination {DestinationId} ({DestinationAddress}) answered {StatusCode} in {ElapsedMilliseconds:0.0} ms (proxy error: {ProxyError})")]
    private static partial void LogProxiedRequest(
        ILogger logger,
        string method,
        string path,
        string routeId,
        string clusterId,
        string destinationId,
        string destinationAddress,
        int statusCode,
        double elapsedMilliseconds,
        string proxyError);
}
