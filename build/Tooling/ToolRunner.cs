using System.Text;
using CliWrap;
using Serilog;

namespace Tooling;

/// <summary>
/// The one way the build starts processes: logs <c>&gt; tool args</c> with secrets masked, streams output
/// into the log as it arrives, and on a non-zero exit fails the target with the tool's last lines. The process
/// inherits the build's environment less what <see cref="ChildEnvironment"/> withholds (tokens, secrets).
/// </summary>
public sealed class ToolRunner(ILogger log, Func<CancellationToken> cancellation, ChildEnvironment? childEnvironment = null)
{
    private const int TailLines = 25;

    /// <summary>
    /// Marks a line of tool output that starts with <c>::</c> (a test logger's <c>::error</c>, say): the runner acts
    /// on such a line only when nothing precedes it, so the console formatter writes it without timestamp and level.
    /// </summary>
    public const string WorkflowCommandProperty = "WorkflowCommand";

    /// <summary>
    /// <paramref name="tool"/> (a name looked up on PATH, or a path) as a <see cref="Tool"/>: resolved at each call, so a
    /// missing program fails the call that needs it, saying <paramref name="installHint"/> (a call's own
    /// <see cref="ToolOptions.InstallHint"/> wins).
    /// </summary>
    public Tool Get(string tool, string? installHint = null) =>
        (arguments, options) => RunAsync(tool, arguments,
            installHint is null || options?.InstallHint is not null ? options : (options ?? new ToolOptions()) with { InstallHint = installHint });

    private ChildEnvironment Child => childEnvironment ?? ChildEnvironment.CredentialsOnly;

    public async Task<ToolResult> RunAsync(string tool, IEnumerable<string> arguments, ToolOptions? options = null)
    {
        options ??= new ToolOptions();
        // The build's PATH, which is the process's in a run and the test's own in a test: the one the tool will inherit.
        var path = ToolResolver.Resolve(tool, options.InstallHint, Child.InheritedVariable("PATH"));
        var argumentList = arguments.ToList();
        log.Information("> {Command}", Describe(path, argumentList));

        var standardOutput = new List<string>();
        var standardError = new List<string>();
        var tail = new Queue<string>();
        void Receive(List<string> lines, string line)
        {
            lock (tail)
            {
                lines.Add(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }

            if (options.LogOutput)
            {
                // Only for a tool that opted in, and only at the start of the line: an indented "::" (a nested build's
                // output that a test echoes) stays text.
                var lineLog = options.PassWorkflowCommands && line.StartsWith("::", StringComparison.Ordinal)
                    ? log.ForContext(WorkflowCommandProperty, true)
                    : log;
                lineLog.Information("{Line}", line);
            }
        }

        var command = Cli.Wrap(path)
            .WithArguments(argumentList)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Receive(standardOutput, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Receive(standardError, line)));
        if (options.WorkingDirectory is not null)
        {
            command = command.WithWorkingDirectory(options.WorkingDirectory);
        }

        command = command.WithEnvironmentVariables(Variables(path, options));

        if (options.StandardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(options.StandardInput));
        }

        var result = await command.ExecuteAsync(cancellation());
        var toolResult = new ToolResult(result.ExitCode, standardOutput, standardError);
        if (!toolResult.Succeeded && options.ThrowOnFailure)
        {
            throw new BuildFailedException(
                $"'{Path.GetFileName(path)}' exited with code {result.ExitCode}." +
                (tail.Count > 0 ? $" Last lines of its output:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}" : ""));
        }

        return toolResult;
    }

    /// <summary>The call's own variables, and a removal (null) for each inherited one the tool is not to see.</summary>
    private Dictionary<string, string?> Variables(string path, ToolOptions options)
    {
        var child = Child;
        var withheld = child.Withheld(child.Inherited, options);
        if (withheld.Count > 0)
        {
            log.Debug("Withheld from {Tool}: {Variables}", Path.GetFileName(path), string.Join(", ", withheld));
        }

        var variables = child.FromProcess();
        foreach (var name in withheld)
        {
            variables[name] = null;
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>The command line as a person would type it: arguments with spaces or quotes are quoted.</summary>
    public static string Describe(string path, IEnumerable<string> arguments)
    {
        var text = new StringBuilder(Quote(path));
        foreach (var argument in arguments)
        {
            text.Append(' ').Append(Quote(argument));
        }

        return text.ToString();
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(character => char.IsWhiteSpace(character) || character is '"' or '\'')
            ? argument
            : "\"" + argument.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
