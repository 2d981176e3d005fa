using Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Tests.Infrastructure;

/// <summary>An access log entry with plausible values and no span, any of which a test can replace.</summary>
public static class SampleAccessLogEntry
{
    public static AccessLogEntry With(
        string method = "GET",
        string path = "/orders/42",
        string routeId = "orders",
        string clusterId = "orders",
        string destinationId = "d0",
        string destinationAddress = "http://127.0.0.1:5000/",
        int statusCode = 200,
        double elapsedMilliseconds = 1.2345,
        ForwarderError proxyError = ForwarderError.None,
        string requestId = "4bf92f3577b34da6a3ce929d0e0e4736",
        string connectionId = "0HNQK9J4H85P3") =>
        new()
        {
            Timestamp = new DateTimeOffset(2026, 12, 7, 10, 28, 7, 865, TimeSpan.Zero).AddTicks(8619),
            TraceId = null,
            SpanId = null,
            Method = method,
            Path = path,
            RouteId = routeId,
            ClusterId = clusterId,
            DestinationId = destinationId,
            DestinationAddress = destinationAddress,
            StatusCode = statusCode,
            ElapsedMilliseconds = elapsedMilliseconds,
            ProxyError = proxyError,
            RequestId = requestId,
            ConnectionId = connectionId,
        };
}
