namespace Image.Tests.Infrastructure;

/// <summary>The HTTP client for the containers' ports on loopback.</summary>
public static class LoopbackHttp
{
    /// <summary>
    /// UseProxy = false: an HTTP_PROXY in the test environment must not capture loopback requests. The timeout is a
    /// safety net, not an assertion: a first proxied request under qemu (the arm64 leg on x64, JIT of both apps) takes
    /// about half a minute.
    /// </summary>
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(120),
    };

    /// <summary>GET that answers the status code, or null when nothing answers (yet) within <paramref name="timeout"/>.</summary>
    public static async Task<System.Net.HttpStatusCode?> TryGetStatusAsync(Uri uri, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var response = await Client.GetAsync(uri, cancellation.Token);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
