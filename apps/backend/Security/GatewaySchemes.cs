using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Gateway.Security;

/// <summary>Authentication scheme names the gateway registers and that authorization policies may list.</summary>
public static class GatewaySchemes
{
    /// <summary>JWT bearer tokens (<c>Gateway:Jwt</c>).</summary>
    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>API keys validated against <c>Gateway:ApiKeys</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The default scheme: picks <see cref="Bearer"/> or <see cref="ApiKey"/> by the credential the request carries.</summary>
    public const string Either = "BearerOrApiKey";

    /// <summary>Claim holding the API client's name; also the principal's name claim.</summary>
    public const string ApiClientClaimType = "api_client";

    public static IReadOnlyList<string> Selectable { get; } = [Bearer, ApiKey];
}
