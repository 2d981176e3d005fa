using System.Diagnostics;
using System.Net;

namespace Image.Tests.Infrastructure;

/// <summary>
/// A container of an image under test, started detached and always removed (with its volumes) on dispose.
/// </summary>
/// <remarks>
/// The engine on the machines these tests run on has no bridge network (dockerd --bridge=none), so port
/// publishing (-p) does not exist there: every container shares the host's network namespace (--network host)
/// and listens directly on its own free port (ASPNETCORE_HTTP_PORTS), reached on 127.0.0.1. The gateway's management
/// listener gets a free port of its own too (Gateway__ManagementPort; echo ignores the variable): its default 8081 would
/// collide between containers.
/// </remarks>
public sealed class Container : IAsyncDisposable
{
    /// <summary>Marks the containers these tests start, for a manual clean-up after a killed run: docker rm -f $(docker ps -aq --filter label=…).</summary>
    public const string Label = "dev.gateway.image-test";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Between two waiting checks: each one starts a docker process (inspect), so not back to back.</summary>
    private static readonly TimeSpan DockerPollInterval = TimeSpan.FromMilliseconds(250);

    private Container(string name, int port, int managementPort, bool emulated)
    {
        Name = name;
        Port = port;
        ManagementPort = managementPort;
        IsEmulated = emulated;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    /// <summary>The image runs under qemu: waits are scaled (<see cref="Emulation"/>).</summary>
    public bool IsEmulated { get; }

    /// <summary>The port the app listens on, in the host's network namespace.</summary>
    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The gateway's management port (/metrics, health detail), in the host's network namespace.</summary>
    public int ManagementPort { get; }

    /// <summary>
    /// <c>docker run --detach --network host</c> of <paramref name="image"/> listening on a free port.
    /// <paramref name="runOptions"/> go before the image (e.g. --read-only, --user), <paramref name="environment"/> become -e.
    /// </summary>
    public static async Task<Container> StartAsync(string image, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<string>? runOptions = null)
    {
        var emulated = await Emulation.IsEmulatedAsync(image);
        var container = new Container($"image-test-{Guid.NewGuid():N}"[..24], FreePort.Next(), FreePort.Next(), emulated);
        List<string> arguments =
        [
            "run", "--detach", "--name", container.Name, "--label", Label, "--network", "host",
            "--env", $"ASPNETCORE_HTTP_PORTS={container.Port}",
            "--env", $"Gateway__ManagementPort={container.ManagementPort}",
        ];
        foreach (var (name, value) in (emulated ? Emulation.Environment : new Dictionary<string, string>()).Concat(environment ?? new Dictionary<string, string>()))
        {
            arguments.AddRange(["--env", $"{name}={value}"]);
        }

        arguments.AddRange(runOptions ?? []);
        arguments.AddRange(emulated ? Emulation.HealthCheckRoom : []);
        arguments.Add(image);

        var run = await DockerCli.RunAsync(arguments);
        if (!run.IsSuccess)
        {
            await container.DisposeAsync();
            Assert.Fail($"`{DockerCli.Describe(arguments)}` exited {run.ExitCode}: {run.StandardError.Trim()}");
        }

        return container;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public Uri ManagementUrl(string pathAndQuery) => new(new Uri($"http://127.0.0.1:{ManagementPort}/"), pathAndQuery);

    /// <summary>Polls GET <paramref name="path"/> until it answers 200; fails early, with the logs, if the container stops.</summary>
    public Task WaitUntilRespondingAsync(string path) =>
        Poll.UntilAsync(async () =>
        {
            if (await LoopbackHttp.TryGetStatusAsync(Url(path), TimeSpan.FromSeconds(2)) == HttpStatusCode.OK)
            {
                return true;
            }

            if (await InspectAsync("{{.State.Running}}") != "true")
            {
                Assert.Fail($"Container {Name} stopped (exit code {await InspectAsync("{{.State.ExitCode}}")}) before {path} answered 200.{Environment.NewLine}{await LogsAsync()}");
            }

            return false;
        }, Emulation.Scale(StartTimeout, IsEmulated), $"{Url(path)} to answer 200", LogsAsync, DockerPollInterval);

    /// <summary>Polls Docker's health status (from the image's HEALTHCHECK) until it is <paramref name="status"/>.</summary>
    public Task WaitForHealthStatusAsync(string status, TimeSpan timeout) =>
        Poll.UntilAsync(async () => await InspectAsync("{{.State.Health.Status}}") == status,
            Emulation.Scale(timeout, IsEmulated), $"container {Name} to become {status}", HealthLogAsync, DockerPollInterval);

    public Task<string> InspectAsync(string format) => DockerCli.InspectAsync(Name, format);

    /// <summary>The UIDs of the container's processes as the host sees them (<c>docker top</c>).</summary>
    public async Task<IReadOnlyList<string>> ProcessUidsAsync()
    {
        var table = await DockerCli.RunCheckedAsync(["top", Name, "-eo", "uid,pid,comm"]);
        return [.. table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])];
    }

    /// <summary><c>docker stop --time GRACE</c> (SIGTERM, then SIGKILL after the grace period); answers how long it took.</summary>
    public async Task<TimeSpan> StopAsync(int graceSeconds)
    {
        var stopwatch = Stopwatch.StartNew();
        await DockerCli.RunCheckedAsync(["stop", "--time", graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), Name]);
        return stopwatch.Elapsed;
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. SIGTERM) to the container's main process through the Engine API, without the CLI's start-up delay.</summary>
    public Task SignalAsync(string signal) => DockerEngineApi.SignalAsync(Name, signal);

    /// <summary><c>docker wait</c>: the exit code once the container has stopped.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout) =>
        int.Parse(await DockerCli.RunCheckedAsync(["wait", Name], timeout: timeout), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<string> LogsAsync()
    {
        var logs = await DockerCli.RunAsync(["logs", "--tail", "50", Name]);
        return $"Last log lines of {Name}:{Environment.NewLine}{logs.StandardOutput}{logs.StandardError}";
    }

    public async ValueTask DisposeAsync() => await DockerCli.RunAsync(["rm", "--force", "--volumes", Name]);

    private async Task<string> HealthLogAsync() =>
        $"Health log: {await InspectAsync("{{json .State.Health}}")}{Environment.NewLine}{await LogsAsync()}";
}
