using System.Text;
using Gateway.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Gateway.Security;

public static class AuthenticationRegistration
{
    // The key ASP.NET Core's UseAuthentication sets (AuthAppBuilderExtensions) and WebApplication checks before adding its own.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

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

    /// <summary>
    /// Authentication for requests that carry a credential (an <c>Authorization</c> header or the API-key header). For
    /// the others every scheme can only answer "no result" and the caller stays anonymous, so they skip the
    /// middleware: it created two handlers per request (the policy scheme's and JWT bearer's), a measurable share of
    /// the gateway's CPU (docs/gateway.md#performance). Authorization is unaffected: the gateway's policies name their
    /// schemes and authenticate with them themselves, and the default policy challenges an anonymous caller either way.
    /// </summary>
    public static IApplicationBuilder UseGatewayAuthentication(this IApplicationBuilder app)
    {
        var apiKeyHeader = app.ApplicationServices.GetRequiredService<ApiKeyDirectory>().Header;
        // UseAuthentication marks the builder it is called on; here that is the branch's copy. Without the mark on the
        // application itself, WebApplication would add a second, unconditional authentication middleware at the very
        // start of the pipeline (before forwarded headers), which is what this method avoids.
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseWhen(
            context => context.Request.Headers.ContainsKey(HeaderNames.Authorization) || context.Request.Headers.ContainsKey(apiKeyHeader),
            branch => branch.UseAuthentication());
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
