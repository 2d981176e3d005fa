using Delivery.Docker;
using Serilog;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// A docker config directory of the build's own (DOCKER_CONFIG, in a temp directory under .nuke/temp) holding at
/// most one registry login. docker and cosign both read DOCKER_CONFIG, so both use the login, and credentials
/// never land in ~/.docker. <see cref="DisposeAsync"/> logs out and deletes the directory.
/// </summary>
public sealed class RegistrySession : IRegistrySession, IAsyncDisposable
{
    private readonly DockerCli docker;
    private readonly RegistryCredentials? credentials;
    private readonly ILogger log;

    private RegistrySession(DockerCli docker, string configDirectory, RegistryCredentials? credentials, ILogger log)
    {
        this.docker = docker;
        this.log = log;
        ConfigDirectory = configDirectory;
        this.credentials = credentials;
    }

    public string ConfigDirectory { get; }

    /// <summary>Variables for every tool that talks to the registry (docker, cosign, syft, trivy).</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_CONFIG"] = ConfigDirectory };

    /// <summary>Creates the config directory and logs in (password on standard input) if there are credentials.</summary>
    /// <param name="environment">The build's environment: its DOCKER_CONFIG names the user's config, whose CLI plugins stay visible.</param>
    public static async Task<RegistrySession> OpenAsync(DockerCli docker, string temporaryDirectory, RegistryCredentials? credentials,
        IReadOnlyDictionary<string, string> environment, ILogger log)
    {
        Directory.CreateDirectory(temporaryDirectory);
        var configDirectory = Path.Combine(temporaryDirectory, $"docker-config-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(configDirectory);
        }
        else
        {
            // Only this user may read the login it will hold.
            Directory.CreateDirectory(configDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        ShareCliState(configDirectory, environment);
        var session = new RegistrySession(docker, configDirectory, credentials, log);
        if (credentials is null)
        {
            log.Information("No registry credentials: pushing without a login (an open registry).");
            return session;
        }

        var login = await docker.RunAsync(
            ["login", credentials.Registry, "--username", credentials.Username, "--password-stdin"],
            new ToolOptions { StandardInput = credentials.Password, Environment = session.Environment, ThrowOnFailure = false });
        if (!login.Succeeded)
        {
            await session.DisposeAsync();
            var reason = login.StandardErrorLines.LastOrDefault(line => line.Trim().Length > 0)?.Trim() ?? $"exit code {login.ExitCode}";
            throw new BuildFailedException(
                $"Login to {credentials.Registry} as {credentials.Username} ({credentials.Source}) was rejected: {reason}. " +
                "Check the user name and password (on GitHub: the job's `packages: write` permission).");
        }

        log.Information("Logged in to {Registry} as {Username} ({Source}); credentials kept in {Directory} until the build ends.",
            credentials.Registry, credentials.Username, credentials.Source, configDirectory);
        return session;
    }

    /// <summary>
    /// The user's CLI plugins (buildx, for imagetools) and buildx builder instances stay visible under the build's own
    /// DOCKER_CONFIG: links to them, never copies, and never the user's config.json (its logins stay out).
    /// </summary>
    private static void ShareCliState(string configDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var userConfig = environment.GetValueOrDefault("DOCKER_CONFIG") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".docker");
        foreach (var name in new[] { "cli-plugins", "buildx" })
        {
            var source = Path.Combine(userConfig, name);
            if (Directory.Exists(source))
            {
                Directory.CreateSymbolicLink(Path.Combine(configDirectory, name), source);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Directory.Exists(ConfigDirectory))
        {
            return;
        }

        if (credentials is not null)
        {
            await docker.RunAsync(["logout", credentials.Registry], new ToolOptions { Environment = Environment, ThrowOnFailure = false, LogOutput = false });
        }

        // Deleting the directory removes the credentials even if logout failed.
        Directory.Delete(ConfigDirectory, recursive: true);
        log.Information("Logged out; removed {Directory}", ConfigDirectory);
    }
}
