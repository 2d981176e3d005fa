namespace Gateway.Configuration;

/// <summary>Named request timeouts (<c>Gateway:Timeouts</c>) that routes select with <c>TimeoutPolicy</c>; routes may also set <c>Timeout</c> directly.</summary>
public sealed class TimeoutOptions
{
    public const string SectionName = "Gateway:Timeouts";

    public Dictionary<string, TimeSpan> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
