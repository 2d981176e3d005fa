using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Management;

/// <summary>
/// Keeps the two listeners apart after routing: management endpoints answer 404 on the public port, proxy routes
/// answer 404 on the management port, so exposing the management port internally never exposes an upstream.
/// </summary>
public sealed class ManagementPortMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    // Read once: the management port is fixed at start-up, and a per-request service lookup showed in the CPU profile.
    private readonly int _managementPort = options.Value.ManagementPort;

    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return next(context);
        }

        var scope = endpoint.Metadata.GetMetadata<PortScope>();
        var allowed = context.IsOnManagementPort(_managementPort) ? scope?.OnManagement == true : scope?.OnPublic != false;
        if (allowed)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
