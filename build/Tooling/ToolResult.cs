namespace Tooling;

/// <summary>What a tool did: its exit code and every line it printed, stdout and stderr kept apart.</summary>
public sealed record ToolResult(int ExitCode, IReadOnlyList<string> StandardOutputLines, IReadOnlyList<string> StandardErrorLines)
{
    public bool Succeeded => ExitCode == 0;

    public string StandardOutput => string.Join('\n', StandardOutputLines);
}
