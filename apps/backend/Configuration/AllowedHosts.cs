namespace Gateway.Configuration;

/// <summary>The root <c>AllowedHosts</c> key, which ASP.NET's host filtering reads (semicolon-separated).</summary>
public static class AllowedHosts
{
    public const string Key = "AllowedHosts";

    /// <summary>The listed host names; empty when the key is unset or allows any host (<c>*</c>).</summary>
    public static string[] Parse(IConfiguration configuration)
    {
        var hosts = (configuration[Key] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Contains("*") ? [] : hosts;
    }
}
