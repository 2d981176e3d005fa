namespace Gateway.Configuration;

/// <summary>Named rate-limit policies (<c>Gateway:RateLimiting</c>) that routes select with <c>RateLimiterPolicy</c>, and an optional global limit.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "Gateway:RateLimiting";

    public Dictionary<string, RateLimitPolicySettings> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One fixed window shared by every proxied request (health and metrics excluded), on top of the route's policy.</summary>
    public GlobalRateLimitSettings? Global { get; set; }
}

/// <summary>A fixed-window limit applied separately to every client.</summary>
public sealed class RateLimitPolicySettings
{
    public RateLimitPartition PartitionBy { get; set; } = RateLimitPartition.Identity;

    /// <summary>
    /// No longer used: API keys are validated by <c>Gateway:ApiKeys</c>, whose <c>Header</c> names the header.
    /// Still bound so that a configuration setting it gets an error saying so rather than "unknown key".
    /// </summary>
    public string? ApiKeyHeader { get; set; }

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class GlobalRateLimitSettings
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

public enum RateLimitPartition
{
    /// <summary>Per authenticated principal (JWT <c>sub</c>, or a validated API key's client); per client IP otherwise.</summary>
    Identity,

    /// <summary>Per client IP, whoever the caller is.</summary>
    ClientIp,

    /// <summary>Former name of <see cref="Identity"/>, kept so existing configurations keep working; needs <c>Gateway:ApiKeys</c>.</summary>
    ApiKey,
}
