namespace Gateway.Configuration;

/// <summary>JWT bearer validation (<c>Gateway:Jwt</c>): either an OpenID Connect authority or a symmetric signing key.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Gateway:Jwt";

    /// <summary>Issuer base address; signing keys come from its OpenID Connect discovery document.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Expected <c>iss</c>; defaults to the authority's issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>HMAC-SHA256 key (at least 32 characters) for environments without an identity provider, such as tests.</summary>
    public string? SigningKey { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
