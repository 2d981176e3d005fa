using System.Net;

namespace Image.Tests.Infrastructure;

/// <summary>
/// A registry of the test's own, so nothing lands in the machine's shared one: Debian's docker-registry on a free
/// 127.0.0.1 port (loopback, so docker pushes to it over plain HTTP), storage in a temp directory, no login. Stopped and
/// deleted on dispose.
/// </summary>
public sealed class ThrowAwayRegistry : IAsyncDisposable
{
    private readonly RegistryProcess process = RegistryProcess.Prepare("image-tests-registry-");
    private string lastError = "no answer yet";

    private ThrowAwayRegistry(int port) => Address = $"127.0.0.1:{port}";

    /// <summary>host:port, as an image reference starts.</summary>
    public string Address { get; }

    private string LogFile => process.LogFile;

    public static async Task<ThrowAwayRegistry> StartAsync()
    {
        var registry = new ThrowAwayRegistry(FreePort.Next());
        try
        {
            await registry.process.ServeAsync("docker-registry", registry.Address);
            await Poll.UntilAsync(registry.AnswersAsync, TimeSpan.FromSeconds(20), $"docker-registry on {registry.Address} to answer /v2/",
                async () => $"Last answer: {registry.lastError}. Log: {await File.ReadAllTextAsync(registry.LogFile + ".err")}");
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private async Task<bool> AnswersAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{Address}/v2/"));
            lastError = $"HTTP {(int)response.StatusCode}";
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException exception)
        {
            lastError = exception.Message;
            return false;
        }
    }
}
