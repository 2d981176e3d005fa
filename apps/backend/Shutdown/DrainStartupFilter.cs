using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Shutdown;

/// <summary>
/// Outermost middleware (a startup filter, so it wraps every endpoint, health and metrics included): counts in-flight
/// requests for the drain's log lines and, while draining, answers HTTP/1.x requests with <c>Connection: close</c>.
/// A client's pooled keep-alive connection would otherwise keep bringing requests to this instance after the load
/// balancer has taken it out of rotation, and would break when the gateway stops accepting; a fresh connection
/// goes through the load balancer to another instance.
/// </summary>
public sealed class DrainStartupFilter(DrainState state) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(pipeline => context => InvokeAsync(context, pipeline));
        next(app);
    };

    private async Task InvokeAsync(HttpContext context, RequestDelegate pipeline)
    {
        state.RequestStarted();
        try
        {
            // Only HTTP/1.x has a Connection header; Kestrel sends HTTP/2 and HTTP/3 clients GOAWAY when it stops.
            if (state.IsDraining && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
            {
                // On starting, not now: the proxy may reset the response's headers (e.g. for a 502) before it starts.
                context.Response.OnStarting(static response =>
                {
                    ((HttpResponse)response).Headers.Connection = "close";
                    return Task.CompletedTask;
                }, context.Response);
            }

            await pipeline(context);
        }
        finally
        {
            state.RequestFinished();
        }
    }
}
