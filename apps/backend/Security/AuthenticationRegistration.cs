using System.Text;
using Gateway.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Security;

public static class AuthenticationRegistration
{
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services)
    {
        // Routes without an AuthorizationPolicy stay anonymous; the scheme only matters for routes that name one.
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
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
                        policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser();
                        foreach (var (claimType, values) in settings.RequiredClaims)
                        {
                            policy.RequireClaim(claimType, values);
                        }
                    });
                }
            });
        return services;
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
