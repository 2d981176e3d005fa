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

    private ThrowAwayRegistry(int port) => Address = $"127.0.0.1:{port}";

    /// <summary>host:port, as an image reference starts.</summary>
    public string Address { get; }

    public static async Task<ThrowAwayRegistry> StartAsync()
    {
        var registry = new ThrowAwayRegistry(FreePort.Next());
        try
        {
            await registry.process.ServeAsync("docker-registry", registry.Address);
            await registry.process.WaitUntilAnsweringAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(20));
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
