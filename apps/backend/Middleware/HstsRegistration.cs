using Gateway.Configuration;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Gateway.Middleware;

public static class HstsRegistration
{
    public static IServiceCollection AddGatewayHsts(this IServiceCollection services)
    {
        services.AddHsts(_ => { });
        services.AddOptions<HstsOptions>()
            .Configure<IOptions<HstsSettings>>((hsts, settings) =>
            {
                hsts.MaxAge = settings.Value.MaxAge;
                hsts.IncludeSubDomains = settings.Value.IncludeSubDomains;
                hsts.Preload = settings.Value.Preload;
            });
        return services;
    }

    /// <summary>
    /// ASP.NET's middleware sends the header on HTTPS requests only (after forwarded headers, that includes
    /// <c>X-Forwarded-Proto: https</c> from a trusted proxy) and never for localhost, 127.0.0.1 or [::1].
    /// </summary>
    public static WebApplication UseGatewayHsts(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<HstsSettings>>().Value.Enabled)
        {
            app.UseHsts();
        }

        return app;
    }
}
