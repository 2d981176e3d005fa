namespace Gateway.Configuration;

/// <summary>Named authorization policies (<c>Gateway:Authorization</c>) that routes select with <c>AuthorizationPolicy</c>.</summary>
public sealed class AuthorizationPolicyOptions
{
    public const string SectionName = "Gateway:Authorization";

    public Dictionary<string, AuthorizationPolicySettings> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>An authenticated caller whose credential carries every listed claim with one of the listed values.</summary>
public sealed class AuthorizationPolicySettings
{
    /// <summary>Schemes that may authenticate the caller (<c>Bearer</c>, <c>ApiKey</c>); empty accepts either.</summary>
    public string[] Schemes { get; set; } = [];

    /// <summary>Claim type to accepted values; an empty value list only requires the claim to be present.</summary>
    public Dictionary<string, string[]> RequiredClaims { get; set; } = new(StringComparer.Ordinal);
}
