using System.Net;

namespace Publish.Tests.Infrastructure;

/// <summary>
/// A registry of the test's own: Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port, filesystem
/// storage in a temp directory and htpasswd (bcrypt) authentication for one user. Stopped and deleted on dispose.
/// </summary>
internal sealed class AuthenticatedRegistry : IAsyncDisposable
{
    private readonly RegistryProcess process;

    private AuthenticatedRegistry(RegistryProcess process, int port, string username, string password)
    {
        this.process = process;
        Address = $"127.0.0.1:{port}";
        Username = username;
        Password = password;
    }

    /// <summary>host:port, as --registry takes it.</summary>
    public string Address { get; }

    public string Username { get; }

    public string Password { get; }

    public string LogFile => process.LogFile;

    public static async Task<AuthenticatedRegistry> StartAsync()
    {
        var registry = new AuthenticatedRegistry(RegistryProcess.Prepare("publish-tests-registry-"), FreePort.Next(), "publisher", $"pw-{Guid.NewGuid():N}");
        try
        {
            var htpasswd = await Tool.RunCheckedAsync("htpasswd", ["-Bbn", registry.Username, registry.Password]);
            var passwords = Path.Combine(registry.process.Directory, "htpasswd");
            await File.WriteAllTextAsync(passwords, htpasswd.StandardOutput.Trim() + "\n");
            await registry.process.ServeAsync(Tool.Require("docker-registry"), registry.Address, htpasswd: ("publish-tests", passwords), deletable: true);
            await registry.WaitUntilAnsweringAsync();
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    /// <summary>/v2/ answers 401 once the registry runs: it is up, and it does ask for credentials.</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
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
