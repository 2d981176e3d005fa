using System.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Writes the trace context of the request's server span (the hosting activity) into the proxied request, as YARP's
/// HTTP client would write its client span's: the caller's <c>traceparent</c>, <c>tracestate</c> and baggage headers
/// are removed and the span's are written, through the same propagator. Without a current activity the headers pass as
/// the caller sent them, as they would through YARP's client.
/// </summary>
public sealed class ServerSpanTraceContextTransform : RequestTransform
{
    // Read once, as YARP's client reads it once per handler.
    private readonly ReverseProxyPropagator propagator = new(DistributedContextPropagator.Current);

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (Activity.Current is { } serverSpan)
        {
            propagator.Inject(serverSpan, context.ProxyRequest, static (carrier, name, value) =>
                ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
        }

        return ValueTask.CompletedTask;
    }
}
