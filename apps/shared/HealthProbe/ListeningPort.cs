using System.Globalization;

namespace Shared.Health;

/// <summary>Finds the HTTP port the service listens on from the same settings Kestrel reads.</summary>
/// <remarks>Shared source (apps/shared), compiled into each service: internal, so the copies never clash.</remarks>
internal static class ListeningPort
{
    public const int Default = 8080;

    /// <summary>Looks at <c>urls</c> (ASPNETCORE_URLS, --urls) first, then <c>http_ports</c> (ASPNETCORE_HTTP_PORTS), else 8080.</summary>
    public static int Resolve(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Kestrel accepts wildcard hosts ("*", "+") that Uri cannot parse, so swap them for loopback first.
                var normalized = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
                if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
                {
                    return uri.Port;
                }
            }
        }

        var httpPorts = configuration["http_ports"];
        var firstPort = httpPorts?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return int.TryParse(firstPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : Default;
    }
}
