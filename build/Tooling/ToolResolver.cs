namespace Tooling;

/// <summary>Finds a tool on PATH, or fails saying which tool is missing and how to get it.</summary>
public static class ToolResolver
{
    public static string Resolve(string tool, string? installHint = null)
    {
        if (tool.Contains('/', StringComparison.Ordinal) || tool.Contains('\\', StringComparison.Ordinal))
        {
            return File.Exists(tool) ? tool : throw NotFound(tool, installHint);
        }

        return TryResolve(tool) ?? throw NotFound(tool, installHint);
    }

    public static string? TryResolve(string tool)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, tool + extension)))
            .FirstOrDefault(File.Exists);
    }

    private static BuildFailedException NotFound(string tool, string? installHint) =>
        new($"Tool '{tool}' was not found{(tool.Contains('/', StringComparison.Ordinal) ? "" : " on PATH")}. " +
            (installHint ?? $"Install {tool} and make sure it is on PATH."));
}
