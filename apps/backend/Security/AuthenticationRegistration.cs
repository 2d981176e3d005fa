using System.Text;
using Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Security;

public static class AuthenticationRegistration
{
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services)
    {
        // Every request is authenticated (so rate limits can key on who the caller is), but routes without an
        // AuthorizationPolicy stay anonymous: a missing or bad credential only matters where a policy asks.
        services.AddAuthentication(GatewaySchemes.Either)
            .AddPolicyScheme(GatewaySchemes.Either, "JWT bearer or API key", either => either.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(GatewaySchemes.ApiKey, configureOptions: null);
        services.AddSingleton<ApiKeyDirectory>();
        RemoveKeyRingWarmUp(services);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwt) => Apply(bearer, jwt.Value));

        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>()
            .Configure<IOptions<AuthorizationPolicyOptions>>((authorization, gateway) =>
            {
                foreach (var (name, settings) in gateway.Value.Policies)
                {
                    authorization.AddPolicy(name, policy =>
                    {
                        var schemes = settings.Schemes.Length == 0 ? [GatewaySchemes.Either] : settings.Schemes;
                        policy.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser();
                        foreach (var (claimType, values) in settings.RequiredClaims)
                        {
                            policy.RequireClaim(claimType, values);
                        }
                    });
                }
            });
        return services;
    }

    /// <summary>A bearer token wins; otherwise the API-key header; otherwise JWT, which finds nothing and leaves the caller anonymous.</summary>
    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return GatewaySchemes.Bearer;
        }

        var apiKeys = context.RequestServices.GetRequiredService<ApiKeyDirectory>();
        return context.Request.Headers.ContainsKey(apiKeys.Header) ? GatewaySchemes.ApiKey : GatewaySchemes.Bearer;
    }

    /// <summary>
    /// AddAuthentication brings data protection, whose hosted service creates a key ring at start-up and
    /// warns that keys may be persisted unencrypted. The gateway protects no data (bearer tokens only, no
    /// cookies), so skipping the warm-up keeps a read-only, non-root container free of key-ring work.
    /// </summary>
    private static void RemoveKeyRingWarmUp(IServiceCollection services)
    {
        var warmUp = services.FirstOrDefault(descriptor =>
            descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType?.Name == "DataProtectionHostedService");
        if (warmUp is not null)
        {
            services.Remove(warmUp);
        }
    }

    private static void Apply(JwtBearerOptions bearer, JwtOptions jwt)
    {
        // Keep claim names as issued ("role", "sub") so policies match what is in the token.
        bearer.MapInboundClaims = false;
        bearer.Authority = jwt.Authority;
        bearer.Audience = jwt.Audience;
        bearer.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        bearer.TokenValidationParameters.ValidAudience = jwt.Audience;
        if (!string.IsNullOrWhiteSpace(jwt.Issuer))
        {
            bearer.TokenValidationParameters.ValidIssuer = jwt.Issuer;
        }

        if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
        }
    }
}
