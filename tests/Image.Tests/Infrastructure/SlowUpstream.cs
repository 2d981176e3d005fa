using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Image.Tests.Infrastructure;

/// <summary>
/// A Kestrel upstream on 127.0.0.1 in the test process that takes its time to answer, so a request through the
/// containerised gateway is still in flight when the container is stopped. Reachable from the container because
/// it runs with --network host.
/// </summary>
public sealed class SlowUpstream : IAsyncDisposable
{
    public const string Reply = "slow upstream finished";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SlowUpstream(TimeSpan delay)
    {
        var port = FreePort.Next();
        Address = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Address.ToString());
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            _requestArrived.TrySetResult();
            await Task.Delay(delay);
            await context.Response.WriteAsync(Reply);
        });
    }

    public Uri Address { get; }

    /// <summary>Completes when the first request has reached the upstream (and is now being delayed).</summary>
    public Task RequestArrived => _requestArrived.Task;

    public static async Task<SlowUpstream> StartAsync(TimeSpan delay)
    {
        var upstream = new SlowUpstream(delay);
        await upstream._app.StartAsync();
        return upstream;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
