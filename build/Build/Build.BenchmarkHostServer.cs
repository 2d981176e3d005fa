using BuildEngine;
using Tooling;

/// <summary>
/// A server the proxy benchmark runs on the host for the length of its measurements (bare YARP, the gateway's host
/// build), pinned to one CPU with taskset. It runs through ToolRunner like every tool (logged command line, the CI's
/// tokens withheld), its task left running: a one-line sh writes its pid, then execs taskset, which execs the server,
/// so the pid is the server's and a SIGTERM stops it the way `docker stop` would. Its standard output (the gateway's
/// access log: tens of thousands of lines a second) goes into a named pipe that an unpinned reader drains and discards,
/// as a container's goes into the pipe containerd-shim drains: the host build pays for writing its log as the
/// container does, and neither a file nor this build's memory grows with it. Standard error (where a failed start says
/// why) goes to a file the error message points at.
/// </summary>
partial class Build
{
    const string TasksetInstallHint = "Install taskset (apt-get install util-linux): the benchmark pins each process to a CPU.";

    // $1 pid file, $2 CPU list, $3 standard error file, $4 the named pipe for standard output, then the command.
    const string PinnedExec = "echo $$ > \"$1\" && cpu=$2 && errors=$3 && log=$4 && shift 4 && rm -f \"$log\" && mkfifo \"$log\" " +
        "&& { cat \"$log\" >/dev/null 2>&1 & } && exec taskset -c \"$cpu\" \"$@\" </dev/null >\"$log\" 2>\"$errors\"";

    sealed record HostServer(string Name, Task<ToolResult> Run, AbsolutePath PidFile, AbsolutePath ErrorLog);

    HostServer StartPinnedServer(string name, string cpu, AbsolutePath workingDirectory, IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string?> environment)
    {
        var slug = string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();
        var pidFile = BenchmarkDirectory / $"{slug}.pid";
        var errorLog = BenchmarkDirectory / $"{slug}.stderr.log";
        var outputPipe = BenchmarkDirectory / $"{slug}.stdout.fifo";
        File.Delete(pidFile);
        var run = Tools.RunAsync("sh", ["-c", PinnedExec, "sh", pidFile, cpu, errorLog, outputPipe, .. command],
            new ToolOptions { WorkingDirectory = workingDirectory, Environment = environment, ThrowOnFailure = false });
        return new HostServer(name, run, pidFile, errorLog);
    }

    /// <summary>Waits for a 200 from <paramref name="url"/>; fails at once, with its standard error, if the server exits first.</summary>
    static Task WaitForServerAsync(HostServer server, string url) =>
        WaitForOkAsync(url, server.Name, async () =>
        {
            if (server.Run.IsCompleted)
            {
                var errors = File.Exists(server.ErrorLog) ? File.ReadAllText(server.ErrorLog).Trim() : "";
                throw new BuildFailedException(
                    $"{server.Name} exited with code {(await server.Run).ExitCode} before answering {url}." +
                    (errors.Length > 0 ? $" Its standard error ({server.ErrorLog}):{Environment.NewLine}{errors}" : " Run the command above by hand to see its log."));
            }
        });

    /// <summary>SIGTERM (the servers are set to stop without a drain delay), SIGKILL if that takes over 10 s.</summary>
    async Task StopAsync(HostServer server)
    {
        if (!server.Run.IsCompleted && File.Exists(server.PidFile))
        {
            var pid = File.ReadAllText(server.PidFile).Trim();
            await Signal("TERM", pid);
            if (await Task.WhenAny(server.Run, Task.Delay(TimeSpan.FromSeconds(10))) != server.Run)
            {
                await Signal("KILL", pid);
            }
        }

        await server.Run;

        Task Signal(string signal, string pid) =>
            Tools.RunAsync("sh", ["-c", "kill -s \"$1\" \"$2\"", "sh", signal, pid], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
    }
}
