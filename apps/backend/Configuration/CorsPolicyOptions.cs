namespace Gateway.Configuration;

/// <summary>Named CORS policies (<c>Gateway:Cors</c>) that routes select with <c>CorsPolicy</c>.</summary>
public sealed class CorsPolicyOptions
{
    public const string SectionName = "Gateway:Cors";

    public Dictionary<string, CorsPolicySettings> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class CorsPolicySettings
{
    /// <summary>Exact origins such as <c>https://app.example.com</c>; <c>*</c> allows any origin (not with credentials).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Empty means any method.</summary>
    public string[] AllowedMethods { get; set; } = [];

    /// <summary>Empty means any header.</summary>
    public string[] AllowedHeaders { get; set; } = [];

    public string[] ExposedHeaders { get; set; } = [];

    public bool AllowCredentials { get; set; }

    public TimeSpan? PreflightMaxAge { get; set; }
}
