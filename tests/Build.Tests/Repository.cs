using CliWrap;
using CliWrap.Buffered;

namespace Build.Tests;

/// <summary>The checkout these tests run in, and a way to run its build the way a user does.</summary>
internal static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string BuildDll => RepositoryRoot.BuildDll;

    /// <summary>Runs <c>./build.sh</c> with the arguments from the repository root.</summary>
    public static Task<BufferedCommandResult> BuildScript(params string[] arguments) =>
        Run("bash", [Path.Combine(Root, "build.sh"), .. arguments], Root);

    public static async Task<BufferedCommandResult> Run(string tool, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        // The tests' own CI variables must not leak into the builds they start: they would switch to Release or GitHub
        // output, name the image after the running job's repository (GITHUB_REPOSITORY) or write into the job's own
        // GITHUB_OUTPUT. A test that wants a CI build passes its variables itself.
        // Nor the build's own parameters as the job may set them: the rehearsal points REGISTRY at its registry stand-in.
        var variables = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("RUNNER_", StringComparison.Ordinal)
                || name.StartsWith("ACTIONS_", StringComparison.Ordinal) || name.StartsWith("NUKE_", StringComparison.Ordinal)
                || ParameterKeys.Contains(ParameterKey(name)))
            .ToDictionary(name => name, string? (_) => null);
        variables["CI"] = null;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await Cli.Wrap(tool)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>
    /// The parameters in the committed schema, by the key the build matches environment variables with (case, dashes
    /// and underscores ignored: IMAGE_NAME, ImageName and image_name all set --image-name).
    /// </summary>
    private static readonly HashSet<string> ParameterKeys = ReadParameterKeys();

    private static string ParameterKey(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    private static HashSet<string> ReadParameterKeys()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, ".nuke", "build.schema.json")));
        return schema.RootElement.GetProperty("properties").EnumerateObject()
            .Select(property => property.Name)
            .Where(name => !name.StartsWith('$'))
            .Select(ParameterKey)
            .ToHashSet(StringComparer.Ordinal);
    }
}
