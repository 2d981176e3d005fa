namespace Tooling;

/// <summary>How to run one tool invocation.</summary>
public sealed record ToolOptions
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (or, with a null value, to remove) for the tool's process.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>
    /// Variables the tool needs that it would otherwise not inherit (<see cref="ChildEnvironment"/>: the CI's tokens,
    /// secret parameters' variables), by name: <c>["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]</c> for cosign keyless.
    /// </summary>
    public IReadOnlyCollection<string>? PassEnvironment { get; init; }

    /// <summary>Text piped to the tool's standard input (for example a password for <c>--password-stdin</c>); never logged.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Whether each output line is logged as it arrives (off for tools whose output is parsed).</summary>
    public bool LogOutput { get; init; } = true;

    /// <summary>
    /// Whether the tool's own GitHub workflow commands (a line starting with <c>::</c>, such as a test logger's
    /// <c>::error</c> annotations) reach the runner as written on GitHub Actions. Off by default: any other tool's output
    /// stays text behind the log prefix, so a line it prints (<c>::stop-commands::</c>, <c>::add-mask::</c>) cannot
    /// steer the job.
    /// </summary>
    public bool PassWorkflowCommands { get; init; }

    /// <summary>Whether a non-zero exit code fails the target.</summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>Added to the "not found" error: how to get the tool.</summary>
    public string? InstallHint { get; init; }
}
