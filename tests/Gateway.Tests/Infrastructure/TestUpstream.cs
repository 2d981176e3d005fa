using Echo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Infrastructure;

/// <summary>A real Kestrel upstream on a dynamic loopback port.</summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The echo service from apps/echo.</summary>
    public static Task<TestUpstream> StartEchoAsync() => StartAsync(EchoApplication.Create(LoopbackArguments));

    /// <summary>An upstream whose endpoints the test defines.</summary>
    public static Task<TestUpstream> StartAsync(Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder(LoopbackArguments);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        mapEndpoints(app);
        return StartAsync(app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string[] LoopbackArguments => ["--urls", "http://127.0.0.1:0"];

    private static async Task<TestUpstream> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestUpstream(app, new Uri(address + "/"));
    }
}
