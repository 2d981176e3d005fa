namespace Tooling;

/// <summary>Finds a tool on PATH, or fails saying which tool is missing and how to get it.</summary>
public static class ToolResolver
{
    /// <param name="tool">A name looked up on PATH, or a path.</param>
    /// <param name="installHint">How to get the tool, for the error when it is missing.</param>
    /// <param name="searchPath">The PATH to search (the build's, when a runner resolves); null for this process's.</param>
    public static string Resolve(string tool, string? installHint = null, string? searchPath = null)
    {
        if (tool.Contains('/', StringComparison.Ordinal) || tool.Contains('\\', StringComparison.Ordinal))
        {
            return File.Exists(tool) ? tool : throw NotFound(tool, installHint);
        }

        return TryResolve(tool, searchPath) ?? throw NotFound(tool, installHint);
    }

    public static string? TryResolve(string tool, string? searchPath = null)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        return (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, tool + extension)))
            .FirstOrDefault(File.Exists);
    }

    private static BuildFailedException NotFound(string tool, string? installHint) =>
        new($"Tool '{tool}' was not found{(tool.Contains('/', StringComparison.Ordinal) ? "" : " on PATH")}. " +
            (installHint ?? $"Install {tool} and make sure it is on PATH."));
}
