namespace Image.Tests.Infrastructure;

/// <summary>The HTTP client for the containers' ports on loopback.</summary>
public static class LoopbackHttp
{
    /// <summary>UseProxy = false: an HTTP_PROXY in the test environment must not capture loopback requests.</summary>
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(30),
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
