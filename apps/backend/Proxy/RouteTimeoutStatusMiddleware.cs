using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// A route timeout cancels the request token, which YARP cannot tell from a client that went away
/// and answers with 400. When the route's own timeout fired, the caller gets 504 instead.
/// </summary>
public sealed class RouteTimeoutStatusMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var timedOut = context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
        var error = context.Features.Get<IForwarderErrorFeature>()?.Error;
        if (timedOut && !context.Response.HasStarted && error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }
    }
}
