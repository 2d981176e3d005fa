using System.Net;
using System.Net.Http.Headers;
using System.Text;

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

    /// <summary>The Basic credentials, for HTTP requests straight to the registry API.</summary>
    public AuthenticationHeaderValue Authorization => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));

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
            // 401: it is up, and it does ask for credentials.
            await registry.process.WaitUntilAnsweringAsync(HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20));
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
