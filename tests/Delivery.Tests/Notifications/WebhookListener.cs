using System.Collections.Concurrent;
using System.Text.Json;
using GitHubStandIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Delivery.Tests.Notifications;

/// <summary>
/// A chat tool's incoming webhook on loopback Kestrel: records every JSON body POSTed to /hooks/&lt;token&gt; and answers
/// with <see cref="Status"/> after <see cref="Delay"/>.
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    public const string Token = "T000/B000/hook-secret-0123456789";

    private readonly ConcurrentQueue<JsonElement> received = new();
    private WebApplication app = null!;

    public Uri Url { get; private set; } = null!;

    public int Status { get; set; } = StatusCodes.Status200OK;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<JsonElement> Received => [.. received];

    public static async Task<WebhookListener> StartAsync()
    {
        var listener = new WebhookListener();
        (listener.app, var address) = await LoopbackServer.StartAsync(app => app.MapPost("/hooks/{**token}", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            listener.received.Enqueue(document.RootElement.Clone());
            await Task.Delay(listener.Delay, context.RequestAborted);
            return Results.StatusCode(listener.Status);
        }));
        listener.Url = new Uri(address, $"/hooks/{Token}");
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
