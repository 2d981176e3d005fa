using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitHubStandIn;

/// <summary>
/// Kestrel on 127.0.0.1 and a free port, quiet, for the stand-ins of services the delivery code talks to over HTTP
/// (GitHub's API, a chat webhook, a registry's token login): the tests only ever reach loopback.
/// </summary>
public static class LoopbackServer
{
    /// <summary>
    /// Starts the app <paramref name="map"/> sets up, with the services <paramref name="services"/> adds; returns it and its
    /// base address (<c>http://127.0.0.1:port</c>).
    /// </summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }
}
