namespace Gateway.Configuration;

/// <summary>
/// Strict-Transport-Security (<c>Gateway:Hsts</c>). Off by default: the header is only sent on HTTPS requests,
/// which behind a TLS-terminating proxy means <c>X-Forwarded-Proto: https</c> from a trusted proxy.
/// </summary>
public sealed class HstsSettings
{
    public const string SectionName = "Gateway:Hsts";

    public bool Enabled { get; set; }

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool IncludeSubDomains { get; set; }

    /// <summary>Asks browsers' preload lists to include the domain; hstspreload.org requires IncludeSubDomains and a year's MaxAge.</summary>
    public bool Preload { get; set; }
}
