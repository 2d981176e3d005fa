using Gateway.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

public static class CorsRegistration
{
    public static IServiceCollection AddGatewayCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>()
            .Configure<IOptions<CorsPolicyOptions>>((cors, gateway) =>
            {
                foreach (var (name, settings) in gateway.Value.Policies)
                {
                    cors.AddPolicy(name, policy => Apply(policy, settings));
                }
            });
        return services;
    }

    private static void Apply(CorsPolicyBuilder policy, CorsPolicySettings settings)
    {
        _ = settings.AllowedOrigins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(settings.AllowedOrigins);
        _ = settings.AllowedMethods.Length == 0 ? policy.AllowAnyMethod() : policy.WithMethods(settings.AllowedMethods);
        _ = settings.AllowedHeaders.Length == 0 ? policy.AllowAnyHeader() : policy.WithHeaders(settings.AllowedHeaders);
        policy.WithExposedHeaders(settings.ExposedHeaders);
        if (settings.AllowCredentials)
        {
            policy.AllowCredentials();
        }

        if (settings.PreflightMaxAge is { } maxAge)
        {
            policy.SetPreflightMaxAge(maxAge);
        }
    }
}
