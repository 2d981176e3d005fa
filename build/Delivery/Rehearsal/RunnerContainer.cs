using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// A fresh container of the runner stand-in image for one job: host network, the host's Docker socket (as the
/// runner user, in the socket's group), the job's folders at their host paths. Steps run in it with docker exec;
/// disposing removes it, whatever happened.
/// </summary>
public sealed class RunnerContainer : IAsyncDisposable
{
    public const string RunnerUser = "runner";
    public const string Label = "dev.gateway.rehearsal";

    /// <summary>Which process started the container: its PID namespace and PID (RehearsalOwner).</summary>
    public const string OwnerLabel = "dev.gateway.rehearsal.owner";

    private readonly RehearsalTools tools;

    private RunnerContainer(RehearsalTools tools, string name)
    {
        this.tools = tools;
        Name = name;
    }

    public string Name { get; }

    /// <param name="socket">The engine's Unix socket on the host (<see cref="DockerSocket"/>).</param>
    public static async Task<RunnerContainer> StartAsync(RehearsalTools tools, string image, string socket, string name, string runId, IEnumerable<Mount> mounts,
        string workingDirectory)
    {
        var group = (await tools.Stat(["-c", "%g", socket], new ToolOptions { LogOutput = false })).StandardOutput.Trim();
        var arguments = new List<string>
        {
            "run", "--detach", "--name", name, "--label", $"{Label}={runId}", "--label", $"{OwnerLabel}={RehearsalOwner.Current}", "--network", "host",
            "--user", RunnerUser, "--group-add", group, "--workdir", workingDirectory,
            "--volume", $"{socket}:/var/run/docker.sock",
        };
        foreach (var mount in mounts)
        {
            arguments.AddRange(["--volume", $"{mount.Host}:{mount.Container}" + (mount.ReadOnly ? ":ro" : "")]);
        }

        arguments.AddRange([image, "sleep", "infinity"]);
        var container = new RunnerContainer(tools, name);
        await tools.Docker(arguments, new ToolOptions { LogOutput = false });
        return container;
    }

    /// <summary>Runs a command in the container; the variables reach it by name only (their values never are arguments).</summary>
    public Task<ToolResult> ExecAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        bool logOutput = true, string user = RunnerUser)
    {
        var arguments = new List<string> { "exec", "--user", user, "--workdir", workingDirectory };
        foreach (var name in environment.Keys)
        {
            arguments.AddRange(["--env", name]);
        }

        arguments.Add(Name);
        arguments.AddRange(command);
        return tools.Docker(arguments, new ToolOptions
        {
            ThrowOnFailure = false,
            LogOutput = logOutput,
            Environment = environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
        });
    }

    /// <summary>
    /// Kills every process in the container but its init (<c>sleep infinity</c>): what a step that ran out of time left
    /// running, its children included, as the runner kills a timed-out step's process tree. The container stays, for the
    /// steps that run on cancellation.
    /// </summary>
    public Task KillProcessesAsync() =>
        ExecAsync(["kill", "-KILL", "--", "-1"], new Dictionary<string, string>(), "/", logOutput: false, user: "root");

    /// <summary>
    /// Removes containers a killed rehearsal left behind (found by label): only those whose owner is gone. Another
    /// rehearsal running on the same engine (a second checkout, a test that rehearses) keeps its containers.
    /// </summary>
    public static async Task RemoveLeftoversAsync(RehearsalTools tools)
    {
        var listed = await tools.Docker(["ps", "--all", "--filter", $"label={Label}", "--format", $"{{{{.ID}}}} {{{{.Label \"{OwnerLabel}\"}}}}"],
            new ToolOptions { LogOutput = false });
        var ids = listed.StandardOutputLines
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Where(fields => fields[0].Length > 0 && RehearsalOwner.IsGone(fields.Length > 1 ? fields[1] : ""))
            .Select(fields => fields[0])
            .ToList();
        if (ids.Count > 0)
        {
            await tools.Docker(["rm", "--force", .. ids], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        }
    }

    public async ValueTask DisposeAsync() =>
        await tools.Docker(["rm", "--force", Name], new ToolOptions { LogOutput = false, ThrowOnFailure = false });

    /// <summary>The engine's Unix socket: the build's DOCKER_HOST when it names one, else the default.</summary>
    public static string DockerSocket(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";
}

/// <summary>A folder of the host in the container.</summary>
public sealed record Mount(string Host, string Container, bool ReadOnly = false);
