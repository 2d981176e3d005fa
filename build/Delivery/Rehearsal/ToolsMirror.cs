using System.Collections.Concurrent;
using System.Net;
using Tooling.Networking;

namespace Delivery.Rehearsal;

/// <summary>
/// A plain HTTP file server on 127.0.0.1 and a free port, serving one folder by path: what stands in for GitHub's
/// release downloads when scripts/ci/install-tool.sh runs with GATEWAY_TOOLS_MIRROR (the offline rehearsal, the
/// helper's tests). Only files under the folder are served; anything else is a 404, as an unknown asset is on GitHub.
/// </summary>
public sealed class ToolsMirror : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly string root;
    private readonly Task serving;

    private ToolsMirror(HttpListener listener, string root, Uri address)
    {
        this.listener = listener;
        this.root = Path.GetFullPath(root).TrimEnd('/') + "/";
        Address = address;
        serving = Task.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:port: what GATEWAY_TOOLS_MIRROR is set to.</summary>
    public Uri Address { get; }

    /// <summary>Paths requested so far, each with the status it got (for the rehearsal's notes and the tests).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static ToolsMirror Start(string folder)
    {
        // HttpListener takes no port 0: a free port below the ephemeral range, retried if taken meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new ToolsMirror(listener, folder, new Uri($"http://127.0.0.1:{port}"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var relative = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(root, relative));
            var found = context.Request.HttpMethod is "GET" or "HEAD" && path.StartsWith(root, StringComparison.Ordinal) && File.Exists(path);
            response.StatusCode = found ? 200 : 404;
            Requests.Enqueue($"{context.Request.HttpMethod} /{relative}: {response.StatusCode}");
            if (found)
            {
                await using var file = File.OpenRead(path);
                response.ContentType = "application/octet-stream";
                response.ContentLength64 = file.Length;
                if (context.Request.HttpMethod == "GET")
                {
                    await file.CopyToAsync(response.OutputStream);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or HttpListenerException or UnauthorizedAccessException)
        {
            // The client went away, or the file could not be read: the download fails on its side, as it should.
        }
        finally
        {
            response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
    }
}
