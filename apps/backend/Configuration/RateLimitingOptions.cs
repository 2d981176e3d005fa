namespace Gateway.Configuration;

/// <summary>Named rate-limit policies (<c>Gateway:RateLimiting</c>) that routes select with <c>RateLimiterPolicy</c>.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "Gateway:RateLimiting";

    public Dictionary<string, RateLimitPolicySettings> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A fixed-window limit applied separately to every client.</summary>
public sealed class RateLimitPolicySettings
{
    public RateLimitPartition PartitionBy { get; set; } = RateLimitPartition.ClientIp;

    /// <summary>Header carrying the API key when <see cref="PartitionBy"/> is <see cref="RateLimitPartition.ApiKey"/>.</summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

public enum RateLimitPartition
{
    ClientIp,

    /// <summary>Per API key; requests without the header fall back to their client IP.</summary>
    ApiKey,
}
