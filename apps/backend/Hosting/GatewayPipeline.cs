using Gateway.Health;
using Gateway.Management;
using Gateway.Middleware;
using Gateway.Observability;
using Gateway.Proxy;
using Gateway.Security;

namespace Gateway.Hosting;

public static class GatewayPipeline
{
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        // The real client address must be known before rate limiting and logging use it.
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseGatewayHsts();
        app.UseRouting();

        // Right after routing: which listener may serve the matched endpoint (management vs public port).
        app.UseMiddleware<ManagementPortMiddleware>();

        // After routing (the route is known) and before every policy, so rejections are logged too.
        app.UseMiddleware<ProxiedRequestLoggingMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors();

        // Authentication first, so limits can key on who the caller is. The limiter then runs before
        // authorization: a request with a bad or missing credential counts against its client address
        // (never against the principal it claims to be), so floods of bad tokens or made-up API keys are
        // still limited per address, while a valid caller's budget is its own.
        app.UseGatewayAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseRequestTimeouts();

        app.MapGatewayHealthEndpoints();
        app.MapGatewayMetrics();
        app.MapGatewayProxy();
        return app;
    }
}
