using CliWrap.Buffered;

namespace Publish.Tests.Infrastructure;

/// <summary>
/// The checkout's build (build/bin/_build.dll) run on a throw-away root (<see cref="SourceBuildRoot"/>, <see cref="BuildRoot"/>)
/// as a laptop runs it: none of the CI variables of the machine running the tests leak in, so it neither writes GitHub's
/// step files nor acts as CI; <paramref name="environment"/> adds or removes variables on top.
/// </summary>
internal static class BuildProcess
{
    public static Task<BufferedCommandResult> RunAsync(string root, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = null,
            ["GITHUB_STEP_SUMMARY"] = null,
            ["GITHUB_OUTPUT"] = null,
            ["CI"] = null,
            ["NO_COLOR"] = "1",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return Tool.RunAsync("dotnet", [RepositoryRoot.BuildDll, .. arguments, "--root", root], root, variables, timeout: timeout);
    }

    /// <summary>The last lines of a build's output, for a failure message.</summary>
    public static string Tail(BufferedCommandResult result) =>
        string.Join(Environment.NewLine, (result.StandardOutput + result.StandardError).Split('\n').TakeLast(60));
}
