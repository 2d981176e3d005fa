using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Infrastructure;

/// <summary>The built Gateway.dll (or Echo.dll) run as a child process with <c>dotnet</c>, as a container would run it.</summary>
public sealed partial class GatewayProcess : IDisposable
{
    private const int SigTerm = 15;
    private const string HealthSwitch = "--health";
    private const string ManagementPortVariable = "Gateway__ManagementPort";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly DateTime _started;
    private DateTime? _exitSeen;

    private GatewayProcess(Process process, int? managementPort)
    {
        _process = process;
        ManagementPort = managementPort;
        // The kernel's start time of the child (read from /proc, so only while it runs): after the fork, before dotnet starts.
        _started = process.StartTime;
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join(Environment.NewLine, _output);

    public int ExitCode => _process.ExitCode;

    /// <summary>The gateway's management port (a free loopback port unless the environment names one); null for echo.</summary>
    public int? ManagementPort { get; }

    public const string Gateway = "Gateway.dll";
    public const string Echo = "Echo.dll";

    public static GatewayProcess Start(IEnumerable<string> arguments, string assembly = Gateway, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["Gateway__LogFormat"] = "Text";
        // As for in-process gateways (GatewaySettings): no shutdown delay unless a test sets one (arguments win over this).
        startInfo.Environment["Gateway__ShutdownDelay"] = "00:00:00";
        // Only what a test sets: the test runner's own URL settings must not leak into the child.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        startInfo.Environment.Remove("DOTNET_URLS");
        // Nor the runner's OpenTelemetry settings: a developer's collector must not turn tracing on in a test.
        foreach (var name in startInfo.Environment.Keys.Where(name => name.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
        // Not the default 8081: gateways started side by side (and other test runs on this machine) would collide there.
        // An environment variable, so a --Gateway:ManagementPort argument of the test still wins.
        if (assembly == Gateway)
        {
            startInfo.Environment[ManagementPortVariable] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var managementPort = startInfo.Environment.TryGetValue(ManagementPortVariable, out var port) ? int.Parse(port!, CultureInfo.InvariantCulture) : (int?)null;
        return new GatewayProcess(Process.Start(startInfo)!, managementPort);
    }

    /// <summary>Kernel start of the process to the moment its exit was seen: an upper bound of its lifetime, without the parent's fork.</summary>
    public TimeSpan Lifetime => (_exitSeen ?? throw new InvalidOperationException("The process has not exited.")) - _started;

    /// <summary>Runs <c>dotnet Gateway.dll --health</c> (or Echo.dll) against <paramref name="port"/>.</summary>
    public static async Task<ProbeResult> ProbeHealthAsync(int port, string assembly = Gateway)
    {
        using var probe = Start([HealthSwitch, "--urls", $"http://127.0.0.1:{port}"], assembly);
        Assert.That(await probe.WaitForExitAsync(TimeSpan.FromSeconds(20)), Is.True, "the health probe did not exit");
        return new ProbeResult(probe.ExitCode, probe.Output, probe.Lifetime);
    }

    /// <summary>Waits for Kestrel's "Now listening on" line of the public URL (not the management port) and returns the bound port.</summary>
    public async Task<int> WaitForListeningPortAsync()
    {
        int? port = null;
        await Poll.UntilAsync(
            () =>
            {
                port = _output.Select(line => ListeningLine().Match(line)).Where(candidate => candidate.Success)
                    .Select(candidate => (int?)int.Parse(candidate.Groups["port"].Value, CultureInfo.InvariantCulture))
                    .FirstOrDefault(candidate => candidate != ManagementPort);
                return port is not null || _process.HasExited;
            },
            TimeSpan.FromSeconds(30),
            "the gateway process to listen");
        Assert.That(port, Is.Not.Null, $"the gateway exited before listening:{Environment.NewLine}{Output}");
        return port!.Value;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            _exitSeen ??= DateTime.Now;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void SendSigTerm() => Assert.That(Kill(_process.Id, SigTerm), Is.Zero, "kill(SIGTERM) failed");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    // Text logs, or JSON logs (Gateway:LogFormat=Json), where the rendered address is in escaped quotes.
    [GeneratedRegex(@"Now listening on: (\\"")?http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}

/// <summary>What a <c>--health</c> probe process did.</summary>
public sealed record ProbeResult(int ExitCode, string Output, TimeSpan Lifetime);
