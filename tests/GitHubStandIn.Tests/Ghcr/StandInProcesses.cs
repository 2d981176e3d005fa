namespace GitHubStandIn.Tests.Ghcr;

/// <summary>The processes whose command line names a directory: a docker-registry serving from it names its config there.</summary>
internal static class StandInProcesses
{
    public static IReadOnlyList<int> ServingFrom(string directory) =>
    [
        .. System.IO.Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid).Contains(directory, StringComparison.Ordinal)),
    ];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
