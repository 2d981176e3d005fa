using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using CliWrap;

namespace GitHubStandIn;

/// <summary>
/// Debian's docker-registry (distribution 2.8) serving from a directory on a 127.0.0.1 address: its config
/// (filesystem storage, optionally htpasswd authentication and deletes), the process, whose output goes to files
/// (docker-registry dies of SIGPIPE when it writes to a closed pipe), the wait until it answers, and on dispose the
/// stop and, for a directory of its own, the directory's deletion. The one copy behind <see cref="GhcrStandIn"/> and
/// the tests' registries.
/// </summary>
public sealed class RegistryProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly bool ownsDirectory;
    private readonly List<PosixSignalRegistration> signals = [];
    private CommandTask<CommandResult>? serving;

    private RegistryProcess(string directory, bool ownsDirectory)
    {
        Directory = directory;
        this.ownsDirectory = ownsDirectory;
    }

    /// <summary>The registry's folder: config, storage, logs; the caller may add files (an htpasswd) before it starts.</summary>
    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "registry.log");

    /// <summary>Where it serves (<c>127.0.0.1:port</c>), once <see cref="ServeAsync"/> ran.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Whether the process is not running: not started yet, or ended (at start: it could not serve).</summary>
    public bool HasExited => serving is null || serving.Task.IsCompleted;

    /// <summary>A new temp directory (<paramref name="prefix"/>…), deleted on dispose, for a registry that <see cref="ServeAsync"/> then starts.</summary>
    public static RegistryProcess Prepare(string prefix) => new(System.IO.Directory.CreateTempSubdirectory(prefix).FullName, ownsDirectory: true);

    /// <summary>A registry in the caller's <paramref name="directory"/> (created if missing), which is left in place on dispose.</summary>
    public static RegistryProcess In(string directory) => new(System.IO.Directory.CreateDirectory(directory).FullName, ownsDirectory: false);

    /// <summary>Writes <c>config.yml</c> and starts serving on <paramref name="address"/>.</summary>
    public async Task ServeAsync(string executable, string address, (string Realm, string PasswordFile)? htpasswd = null, bool deletable = false)
    {
        var config = Path.Combine(Directory, "config.yml");
        var storage = Path.Combine(Directory, "storage");
        var delete = deletable ? "\n  delete:\n    enabled: true" : "";
        var auth = htpasswd is { } login ? $"\nauth:\n  htpasswd:\n    realm: {login.Realm}\n    path: \"{login.PasswordFile}\"" : "";
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: \"{storage}\"{delete}\nhttp:\n  addr: \"{address}\"{auth}\n");
        Address = address;
        serving = Cli.Wrap(executable).WithArguments(["serve", config])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToFile(LogFile))
            .WithStandardErrorPipe(PipeTarget.ToFile(LogFile + ".err"))
            .ExecuteAsync(stop.Token);
        // Disposing stops the process. A host that ends without disposing (it returns or exits, or is stopped by Ctrl+C,
        // SIGTERM or a closed terminal: since .NET 10 the runtime no longer turns SIGTERM into ProcessExit) kills it on its
        // way out, so no registry outlives it; the signal's own effect goes on. A SIGKILL of the host nothing can catch.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP })
        {
            signals.Add(PosixSignalRegistration.Create(signal, _ => KillOnExit(null, EventArgs.Empty)));
        }
    }

    /// <summary>
    /// Waits until <c>GET /v2/</c> answers <paramref name="expected"/> (200 open, 401 with authentication). Throws, with
    /// the registry's error log, when it exits, answers another status (a wrong configuration) or stays silent past
    /// <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilAnsweringAsync(HttpStatusCode expected, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"docker-registry on {Address} exited at start: {await ErrorLogAsync()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://{Address}/v2/"), cancellationToken);
                if (response.StatusCode == expected)
                {
                    return;
                }

                throw new InvalidOperationException(
                    $"docker-registry on {Address} answered /v2/ with {(int)response.StatusCode} instead of {(int)expected}: its configuration is not the one intended.");
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or too busy starting to answer within the client's timeout.
                last = exception.Message;
                await Task.Delay(200, cancellationToken);
            }
        }

        throw new TimeoutException($"docker-registry did not answer on http://{Address}/v2/ within {timeout.TotalSeconds:0} s ({last}). {await ErrorLogAsync()}");
    }

    private async Task<string> ErrorLogAsync() =>
        File.Exists(LogFile + ".err") ? await File.ReadAllTextAsync(LogFile + ".err") : "(no error log)";

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (serving is { } running && !running.Task.IsCompleted)
        {
            try
            {
                Process.GetProcessById(running.ProcessId).Kill();
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // It ended in the meantime.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        signals.ForEach(signal => signal.Dispose());
        await stop.CancelAsync();
        try
        {
            if (serving is not null)
            {
                await serving;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping is the cancellation.
        }

        stop.Dispose();
        if (ownsDirectory)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
