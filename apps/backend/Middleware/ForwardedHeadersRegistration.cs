using System.Net;
using Gateway.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gateway.Middleware;

public static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddGatewayForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersSettings>, IConfiguration>((forwarded, settings, configuration) =>
            {
                // Loopback stays trusted (the framework default); configured proxies are added to it.
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                if (settings.Value.ForwardHost)
                {
                    // The validator has made sure the list is explicit; an empty list would accept any host.
                    forwarded.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
                    forwarded.AllowedHosts = AllowedHosts.Parse(configuration);
                }

                forwarded.ForwardLimit = settings.Value.ForwardLimit;
                foreach (var proxy in settings.Value.KnownProxies)
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in settings.Value.KnownNetworks)
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        return services;
    }
}
