using System.Globalization;
using Gateway.Configuration;

namespace Gateway.Management;

public static class ManagementPortRegistration
{
    /// <summary>
    /// Adds the management listener to the URLs the host binds. Reads <c>Gateway:ManagementPort</c> from the
    /// configuration as it stands (mounted file included): Kestrel's addresses are fixed before options exist.
    /// </summary>
    public static WebApplicationBuilder AddManagementPort(this WebApplicationBuilder builder)
    {
        // A value that is not a number binds no URL here; options binding then fails start-up naming the key.
        var configured = builder.Configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ManagementPort)}"];
        var port = configured is null ? new GatewayOptions().ManagementPort
            : int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var urls = ListenUrls.Resolve(builder.Configuration, port);
        urls.ApplyTo(builder.WebHost);
        builder.Services.AddSingleton(urls);
        return builder;
    }

    /// <summary>True for a request that arrived on the management listener: decided by the socket's local port, never by the Host header.</summary>
    public static bool IsOnManagementPort(this HttpContext context) =>
        context.IsOnManagementPort(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value.ManagementPort);

    /// <summary>The same test for callers that already know the port (the per-request middleware).</summary>
    public static bool IsOnManagementPort(this HttpContext context, int managementPort) => context.Connection.LocalPort == managementPort;
}
