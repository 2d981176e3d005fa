using Gateway.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Serilog.Core;

namespace Gateway.Tests.Infrastructure;

/// <summary>The real gateway host (Kestrel included) running in the test process on a dynamic loopback port.</summary>
public sealed class GatewayUnderTest : IAsyncDisposable
{
    private GatewayUnderTest(WebApplication app, Uri address, CapturingSink logs)
    {
        App = app;
        Logs = logs;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public CapturingSink Logs { get; }

    public static WebApplication Build(GatewaySettings settings, CapturingSink? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0"],
            EnvironmentName = "Testing",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings.Values);
        builder.Services.AddSingleton<ILogEventSink>(logs ?? new CapturingSink());
        builder.AddGateway();
        return GatewayHost.Build(builder);
    }

    public static async Task<GatewayUnderTest> StartAsync(GatewaySettings settings)
    {
        var logs = new CapturingSink();
        var app = Build(settings, logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GatewayUnderTest(app, new Uri(address), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
