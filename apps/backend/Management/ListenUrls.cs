using System.Globalization;

namespace Gateway.Management;

/// <summary>
/// The addresses Kestrel binds: the public ones, resolved from the same settings and in the same order as the web
/// host resolves them, plus the management listener on the same host(s), so it binds the same interface and address
/// family as the public port (all interfaces for <c>ASPNETCORE_HTTP_PORTS</c>, loopback for
/// <c>--urls http://127.0.0.1:0</c>).
/// </summary>
/// <remarks>
/// The management port joins the host's URL settings instead of a <c>KestrelServerOptions.Listen</c> call: Kestrel
/// ignores every URL setting once an endpoint is configured in code, which would drop the public port.
/// </remarks>
public sealed class ListenUrls
{
    // WebHostDefaults.ServerUrlsKey / HttpPortsKey / HttpsPortsKey: ASPNETCORE_URLS and --urls, ASPNETCORE_HTTP_PORTS, ASPNETCORE_HTTPS_PORTS.
    private const string UrlsKey = "urls";
    private const string HttpPortsKey = "http_ports";
    private const string HttpsPortsKey = "https_ports";

    // What Kestrel binds when nothing is configured.
    private const string KestrelDefaultUrl = "http://localhost:5000";

    private static readonly string[] AnyHosts = ["*", "+", "0.0.0.0", "[::]"];

    private ListenUrls(IReadOnlyList<string> publicUrls, IReadOnlyList<string> management, string settingKey, string settingValue)
    {
        Public = publicUrls;
        Management = management;
        HostSetting = management.Count == 0 ? null : new KeyValuePair<string, string>(settingKey, settingValue);
        PublicPorts = publicUrls.Select(PortOf).Where(port => port is > 0).Select(port => port!.Value).ToHashSet();
    }

    public IReadOnlyList<string> Public { get; }

    /// <summary>Empty when the management port is out of range or one of the public ports: start-up validation then names the key.</summary>
    public IReadOnlyList<string> Management { get; }

    /// <summary>The public ports known before binding (a dynamic port 0 is not).</summary>
    public IReadOnlySet<int> PublicPorts { get; }

    /// <summary>The web host setting (<c>urls</c> or <c>http_ports</c>) that binds the public and management URLs; null without a management URL.</summary>
    public KeyValuePair<string, string>? HostSetting { get; }

    public static ListenUrls Resolve(IConfiguration configuration, int managementPort)
    {
        var urls = configuration[UrlsKey];
        if (!string.IsNullOrWhiteSpace(urls))
        {
            var publicUrls = Split(urls);
            var management = ManagementUrls(publicUrls, managementPort);
            return new ListenUrls(publicUrls, management, UrlsKey, string.Join(';', publicUrls.Concat(management)));
        }

        var httpPorts = Split(configuration[HttpPortsKey]);
        var httpsPorts = Split(configuration[HttpsPortsKey]);
        if (httpPorts.Count + httpsPorts.Count > 0)
        {
            // The web host turns each port into http://*:port; one more entry there avoids its warning that URLS override HTTP_PORTS.
            var publicUrls = httpPorts.Select(port => $"http://*:{port}").Concat(httpsPorts.Select(port => $"https://*:{port}")).ToList();
            var management = ManagementUrls(publicUrls, managementPort);
            var ports = management.Count == 0 ? httpPorts : [.. httpPorts, managementPort.ToString(CultureInfo.InvariantCulture)];
            return new ListenUrls(publicUrls, management, HttpPortsKey, string.Join(';', ports));
        }

        var defaults = ManagementUrls([KestrelDefaultUrl], managementPort);
        return new ListenUrls([KestrelDefaultUrl], defaults, UrlsKey, string.Join(';', defaults.Prepend(KestrelDefaultUrl)));
    }

    /// <summary>Adds the management URL(s) to the web host's own setting (nothing when the management port is invalid).</summary>
    public void ApplyTo(IWebHostBuilder webHost)
    {
        if (HostSetting is { } setting)
        {
            webHost.UseSetting(setting.Key, setting.Value);
        }
    }

    private static List<string> Split(string? value) =>
        value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

    /// <summary>Plain HTTP on each distinct public host; only one when a public URL already binds every interface (two would collide).</summary>
    private static List<string> ManagementUrls(IReadOnlyList<string> publicUrls, int managementPort)
    {
        var hosts = publicUrls.Select(HostOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (managementPort is < 1 or > 65535 || publicUrls.Select(PortOf).Contains(managementPort))
        {
            return [];
        }

        var any = hosts.FirstOrDefault(host => AnyHosts.Contains(host, StringComparer.Ordinal));
        return (any is null ? hosts : [any]).Select(host => $"http://{host}:{managementPort.ToString(CultureInfo.InvariantCulture)}").ToList();
    }

    private static string HostOf(string url)
    {
        var address = BindingAddress.Parse(url);
        // A Unix socket has no host; the management port then stays on this machine.
        return address.IsUnixPipe ? "localhost" : address.Host;
    }

    private static int? PortOf(string url)
    {
        var address = BindingAddress.Parse(url);
        return address.IsUnixPipe ? null : address.Port;
    }
}
