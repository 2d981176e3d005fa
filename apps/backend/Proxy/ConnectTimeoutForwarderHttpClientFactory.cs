using Gateway.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// YARP's default 15 s connect timeout keeps callers waiting on a destination that drops packets;
/// the gateway's shorter one turns that into a quick 502 and a passive-health failure. With tracing off, the client
/// starts no span of its own: the gateway writes the upstream's trace context itself (<see cref="UpstreamTraceContext"/>).
/// </summary>
public sealed class ConnectTimeoutForwarderHttpClientFactory(
    ILogger<ForwarderHttpClientFactory> logger,
    IOptionsMonitor<GatewayOptions> options,
    UpstreamTraceContext traceContext) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        // YARP builds a client for a new cluster or one whose HttpClient settings changed, so a reloaded value reaches those.
        handler.ConnectTimeout = options.CurrentValue.UpstreamConnectTimeout;
        if (traceContext.FromServerSpan)
        {
            // No propagator, no DiagnosticsHandler in the client's chain: no Activity per forwarded request.
            handler.ActivityHeadersPropagator = null;
        }
    }
}
