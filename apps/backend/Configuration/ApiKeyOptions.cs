namespace Gateway.Configuration;

/// <summary>
/// API keys the gateway accepts (<c>Gateway:ApiKeys</c>). Only SHA-256 digests are configured, so the keys
/// themselves never sit in configuration files, environment dumps or logs.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Gateway:ApiKeys";

    /// <summary>Request header carrying the key.</summary>
    public string Header { get; set; } = "X-Api-Key";

    /// <summary>Client name (the authenticated principal's name) to its key's digest.</summary>
    public Dictionary<string, ApiKeyClientSettings> Clients { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsConfigured => Clients.Count > 0;
}

public sealed class ApiKeyClientSettings
{
    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = string.Empty;
}
