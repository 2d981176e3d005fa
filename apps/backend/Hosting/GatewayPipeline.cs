using Gateway.Health;
using Gateway.Management;
using Gateway.Middleware;
using Gateway.Observability;
using Gateway.Proxy;

namespace Gateway.Hosting;

public static class GatewayPipeline
{
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        // The real client address must be known before rate limiting and logging use it.
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRouting();

        // Right after routing: which listener may serve the matched endpoint (management vs public port).
        app.UseMiddleware<ManagementPortMiddleware>();

        // After routing (the route is known) and before every policy, so rejections are logged too.
        app.UseMiddleware<ProxiedRequestLoggingMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestTimeouts();

        app.MapGatewayHealthEndpoints();
        app.MapGatewayMetrics();
        app.MapGatewayProxy();
        return app;
    }
}
