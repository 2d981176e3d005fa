using System.Globalization;
using Gateway.Hosting;
using Gateway.Observability;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Serilog.Core;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway host (Kestrel included) running in the test process on a dynamic loopback port, with its
/// management listener on a free loopback port (unless the settings name one).
/// </summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private const string ManagementPortKey = "Gateway:ManagementPort";

    private GatewayUnderTest(WebApplication app, Uri address, Uri managementAddress, CapturingSink logs, GatedStream output)
    {
        App = app;
        Logs = logs;
        Output = output;
        Client = CreateClient(address);
        Management = CreateClient(managementAddress);
    }

    public WebApplication App { get; }

    /// <summary>The public port: proxy routes, status-only health.</summary>
    public HttpClient Client { get; }

    /// <summary>The management port: /metrics and the health detail.</summary>
    public HttpClient Management { get; }

    /// <summary>Serilog's events, as they reach a sink (the access log's lines are not among them: see <see cref="Output"/>).</summary>
    public CapturingSink Logs { get; }

    /// <summary>What the gateway writes to standard output, formatted: its Serilog events and its access lines.</summary>
    public GatedStream Output { get; }

    public static WebApplication Build(GatewaySettings settings, CapturingSink? logs = null, Stream? output = null)
    {
        if (!settings.Values.ContainsKey(ManagementPortKey))
        {
            settings.Set(ManagementPortKey, FreePort.Next().ToString(CultureInfo.InvariantCulture));
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings.Values);
        builder.Services.AddSingleton<ILogEventSink>(logs ?? new CapturingSink());
        builder.Services.AddSingleton(new GatewayLogOutput(output ?? new GatedStream(open: true)));
        builder.AddGateway();
        return GatewayHost.Build(builder);
    }

    public static async Task<GatewayUnderTest> StartAsync(GatewaySettings settings)
    {
        var logs = new CapturingSink();
        var output = new GatedStream(open: true);
        var app = Build(settings, logs, output);
        await app.StartAsync();
        var managementPort = int.Parse(settings.Values[ManagementPortKey]!, CultureInfo.InvariantCulture);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(address => new Uri(address)).ToList();
        return new GatewayUnderTest(app, addresses.First(address => address.Port != managementPort), addresses.Single(address => address.Port == managementPort), logs, output);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Management.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static HttpClient CreateClient(Uri address) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
}
