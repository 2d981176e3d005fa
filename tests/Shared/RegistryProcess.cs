using CliWrap;

namespace TestSupport;

/// <summary>
/// Debian's docker-registry (distribution 2.8) serving from a temp directory of its own on a 127.0.0.1 address: its
/// config (filesystem storage, optionally htpasswd authentication and deletes), the process, whose output goes to
/// files (docker-registry dies of SIGPIPE when it writes to a closed pipe), and on dispose the stop and the
/// directory's deletion. Linked into the test projects that need a registry of their own (tests/Shared).
/// </summary>
internal sealed class RegistryProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task serving = Task.CompletedTask;

    private RegistryProcess(string directory) => Directory = directory;

    /// <summary>The registry's own folder: config, storage, logs; the caller may add files (an htpasswd) before it starts.</summary>
    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "registry.log");

    /// <summary>Whether the process is not running: not started yet, or ended (at start: it could not serve).</summary>
    public bool HasExited => serving.IsCompleted;

    /// <summary>A new temp directory (<paramref name="prefix"/>…) for a registry that <see cref="ServeAsync"/> then starts.</summary>
    public static RegistryProcess Prepare(string prefix) => new(System.IO.Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>Writes <c>config.yml</c> and starts serving on <paramref name="address"/>.</summary>
    public async Task ServeAsync(string executable, string address, (string Realm, string PasswordFile)? htpasswd = null, bool deletable = false)
    {
        var config = Path.Combine(Directory, "config.yml");
        var storage = Path.Combine(Directory, "storage");
        var delete = deletable ? "\n  delete:\n    enabled: true" : "";
        var auth = htpasswd is { } login ? $"\nauth:\n  htpasswd:\n    realm: {login.Realm}\n    path: \"{login.PasswordFile}\"" : "";
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: \"{storage}\"{delete}\nhttp:\n  addr: \"{address}\"{auth}\n");
        serving = Cli.Wrap(executable).WithArguments(["serve", config])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToFile(LogFile))
            .WithStandardErrorPipe(PipeTarget.ToFile(LogFile + ".err"))
            .ExecuteAsync(stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the cancellation.
        }

        stop.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
