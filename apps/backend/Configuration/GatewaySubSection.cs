namespace Gateway.Configuration;

/// <summary>
/// A section under <c>Gateway</c> bound by some options class (registered once per binding, from the class's
/// section name), so the root section's own check knows which child keys are sections rather than typos.
/// </summary>
public sealed record GatewaySubSection(string Path)
{
    /// <summary>The child key under <c>Gateway</c> (<c>RateLimiting</c> for <c>Gateway:RateLimiting</c>), or null for other paths.</summary>
    public string? ChildKey =>
        Path.StartsWith(GatewayOptions.SectionName + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)
            ? Path[(GatewayOptions.SectionName.Length + 1)..].Split(ConfigurationPath.KeyDelimiter)[0]
            : null;
}
