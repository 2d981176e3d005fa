using CliWrap;

namespace TestSupport;

/// <summary>
/// Debian's docker-registry (distribution 2.8) serving from a directory of the test's own on a 127.0.0.1 address:
/// its config (filesystem storage, optionally htpasswd authentication and deletes) and the process, whose output
/// goes to files (docker-registry dies of SIGPIPE when it writes to a closed pipe). Linked into the test projects
/// that need a registry of their own (tests/Shared).
/// </summary>
internal static class RegistryProcess
{
    /// <summary>Writes <c>config.yml</c> in <paramref name="directory"/> and starts serving; cancel the token to stop it.</summary>
    public static async Task<Task<CommandResult>> StartAsync(
        string executable, string directory, string address, CancellationToken stop, (string Realm, string PasswordFile)? htpasswd = null, bool deletable = false)
    {
        var config = Path.Combine(directory, "config.yml");
        var storage = Path.Combine(directory, "storage");
        var delete = deletable ? "\n  delete:\n    enabled: true" : "";
        var auth = htpasswd is { } login ? $"\nauth:\n  htpasswd:\n    realm: {login.Realm}\n    path: \"{login.PasswordFile}\"" : "";
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: \"{storage}\"{delete}\nhttp:\n  addr: \"{address}\"{auth}\n");
        return Cli.Wrap(executable).WithArguments(["serve", config])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToFile(LogFile(directory)))
            .WithStandardErrorPipe(PipeTarget.ToFile(LogFile(directory) + ".err"))
            .ExecuteAsync(stop);
    }

    public static string LogFile(string directory) => Path.Combine(directory, "registry.log");
}
