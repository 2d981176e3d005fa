using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// Runs one step of a job as GitHub's runner does: a run: script with the step's shell (bash -e by default) and
/// the file commands, or a uses: action through its local equivalent. A uses: without an equivalent fails by name.
/// </summary>
public sealed partial class StepRunner(JobContext job, string basePath)
{
    public async Task<(ActionOutcome Outcome, IReadOnlyDictionary<string, string> Outputs, string Summary)> RunScriptAsync(
        JsonObject step, string script, IReadOnlyDictionary<string, string> environment)
    {
        var commands = FileCommands.Create(job.Paths.FileCommands);
        var scriptFile = Path.Combine(job.Paths.Temp, $"{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(scriptFile, script);
        FileModes.Executable(scriptFile);

        var variables = new Dictionary<string, string>(environment);
        foreach (var (name, value) in commands.Variables)
        {
            variables[name] = value;
        }

        variables["PATH"] = string.Join(':', job.PathAdditions.Append(basePath));
        var workingDirectory = step["working-directory"]?.ToString() is { Length: > 0 } directory ? job.ResolvePath(directory) : job.Paths.Workspace.Value;
        var result = await job.Container.ExecAsync(Shell(step["shell"]?.ToString(), scriptFile), variables, workingDirectory);
        Absorb(commands);
        var outcome = result.Succeeded ? ActionOutcome.Done() : ActionOutcome.Failed($"Process completed with exit code {result.ExitCode}." + LastError(result));
        return (outcome, FileCommands.ReadPairs(commands.Output), commands.ReadSummary());
    }

    public async Task<ActionOutcome> RunActionAsync(StepInvocation invocation, string uses)
    {
        var action = uses.Split('@')[0];
        var equivalent = job.Run.Rehearsal.Actions.FirstOrDefault(candidate => string.Equals(candidate.Action, action, StringComparison.OrdinalIgnoreCase));
        if (equivalent is null)
        {
            return ActionOutcome.Failed(
                $"{uses}: the rehearsal has no local equivalent of this action, so the step cannot be rehearsed. Add one in build/Delivery/Rehearsal/Actions/ (docs/rehearsal.md).");
        }

        return await equivalent.RunAsync(invocation);
    }

    /// <summary>GitHub's shells: unspecified = bash -e {0}; bash = bash --noprofile --norc -eo pipefail {0}; sh = sh -e {0}.</summary>
    public static IReadOnlyList<string> Shell(string? shell, string scriptFile) => shell switch
    {
        null or "" => ["bash", "-e", scriptFile],
        "bash" => ["bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile],
        "sh" => ["sh", "-e", scriptFile],
        "python" => ["python3", scriptFile],
        _ when shell.Contains("{0}", StringComparison.Ordinal) => [.. shell.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => part.Replace("{0}", scriptFile, StringComparison.Ordinal))],
        _ => [shell, scriptFile],
    };

    /// <summary>The step's last error line (the build's [ERR] lines, else its last output), for the report.</summary>
    private static string LastError(Tooling.ToolResult result)
    {
        var lines = result.StandardOutputLines.Concat(result.StandardErrorLines).Select(line => AnsiCodes().Replace(line, "").Trim()).Where(line => line.Length > 0).ToList();
        var error = lines.LastOrDefault(line => line.Contains("[ERR]", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.LastOrDefault();
        return error is null ? "" : $" {error}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex AnsiCodes();

    private void Absorb(FileCommands commands)
    {
        foreach (var (name, value) in FileCommands.ReadPairs(commands.Env))
        {
            job.ExportedEnvironment[name] = value;
        }

        foreach (var directory in commands.ReadPaths())
        {
            job.AddPath(directory);
        }
    }
}
