using Gateway.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.Middleware;

/// <summary>
/// Applies the body size limit of the matched route (metadata <c>MaxRequestBodySize</c>, else
/// <c>Gateway:MaxRequestBodySize</c>). A declared Content-Length over the limit is refused with 413
/// before any byte goes upstream; chunked bodies are cut off by Kestrel at the same limit.
/// </summary>
/// <remarks>
/// The refused body is never read by the gateway. Left alone, Kestrel would not drain a body over its own
/// limit either and would close the connection right after the 413, which (a) keep-alive clients do not
/// expect: they pool the connection and their next request races the server's FIN ("The response ended
/// prematurely"), and (b) resets the connection under clients still uploading, which then never see the
/// 413. So the 413 says <c>Connection: close</c>, and Kestrel is allowed to drain (read and discard) the
/// rest of this one body before closing; its request-body drain timeout (5 s) still bounds that.
/// </remarks>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options)
{
    public const string RouteMetadataKey = "MaxRequestBodySize";

    public Task InvokeAsync(HttpContext context)
    {
        // Read per request so a reloaded Gateway:MaxRequestBodySize applies at once (Kestrel's own limit is only the start-up value).
        var limit = RouteLimit(context) ?? options.CurrentValue.MaxRequestBodySize;
        var bodySizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength > limit)
        {
            if (bodySizeFeature is { IsReadOnly: false })
            {
                bodySizeFeature.MaxRequestBodySize = null;
            }

            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        if (bodySizeFeature is { IsReadOnly: false })
        {
            bodySizeFeature.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    private static long? RouteLimit(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>();
        return route?.Config.Metadata?.TryGetValue(RouteMetadataKey, out var value) == true && long.TryParse(value, out var limit)
            ? limit
            : null;
    }
}
