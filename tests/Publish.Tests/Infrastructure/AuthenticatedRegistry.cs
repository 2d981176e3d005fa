using System.Net;
using CliWrap;

namespace Publish.Tests.Infrastructure;

/// <summary>
/// A registry of the test's own: Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port, filesystem
/// storage in a temp directory and htpasswd (bcrypt) authentication for one user. Stopped and deleted on dispose.
/// </summary>
internal sealed class AuthenticatedRegistry : IAsyncDisposable
{
    private readonly string directory;
    private readonly CancellationTokenSource stop = new();
    private Task<CommandResult>? serving;

    private AuthenticatedRegistry(string directory, int port, string username, string password)
    {
        this.directory = directory;
        Address = $"127.0.0.1:{port}";
        Username = username;
        Password = password;
    }

    /// <summary>host:port, as --registry takes it.</summary>
    public string Address { get; }

    public string Username { get; }

    public string Password { get; }

    public string LogFile => RegistryProcess.LogFile(directory);

    public static async Task<AuthenticatedRegistry> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("publish-tests-registry-").FullName;
        var registry = new AuthenticatedRegistry(directory, FreePort.Next(), "publisher", $"pw-{Guid.NewGuid():N}");
        try
        {
            var htpasswd = await Tool.RunCheckedAsync("htpasswd", ["-Bbn", registry.Username, registry.Password]);
            var passwords = Path.Combine(directory, "htpasswd");
            await File.WriteAllTextAsync(passwords, htpasswd.StandardOutput.Trim() + "\n");
            registry.serving = await RegistryProcess.StartAsync(Tool.Require("docker-registry"), directory, registry.Address, registry.stop.Token,
                htpasswd: ("publish-tests", passwords), deletable: true);
            await registry.WaitUntilAnsweringAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the cancellation.
            }
        }

        stop.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>/v2/ answers 401 once the registry runs: it is up, and it does ask for credentials.</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (serving!.IsCompleted)
            {
                Assert.Fail($"docker-registry exited at start: {await File.ReadAllTextAsync(LogFile + ".err")}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://{Address}/v2/"));
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }

                Assert.Fail($"The registry answered /v2/ with {(int)response.StatusCode} instead of 401: authentication is not on.");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"The registry did not answer on http://{Address}/v2/ within 20 s.");
    }
}
