namespace Gateway.Configuration;

/// <summary>Response headers added to every response unless the upstream already set them (<c>Gateway:SecurityHeaders</c>).</summary>
public sealed class SecurityHeadersOptions
{
    public const string SectionName = "Gateway:SecurityHeaders";

    /// <summary>Header name to value; configuration adds to or overrides these defaults, and an empty value removes one.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "no-referrer",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    /// <summary>Response headers removed because they only advertise the software behind the gateway.</summary>
    public string[] RemoveHeaders { get; set; } = ["Server", "X-Powered-By"];
}
