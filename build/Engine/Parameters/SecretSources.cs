using Tooling;

namespace BuildEngine;

/// <summary>
/// Where a secret parameter may come from: the environment, or a parameters file outside the repository. Not the
/// command line, which every user of the machine can read (<c>ps</c>, <c>/proc/&lt;pid&gt;/cmdline</c>), and not a
/// file of the repository, where it would be committed in plain text. Checked before anything runs.
/// </summary>
internal static class SecretSources
{
    public static void Check(ParameterSources sources, IEnumerable<ParameterMember> parameters, AbsolutePath root)
    {
        foreach (var parameter in parameters.Where(parameter => parameter.IsSecret))
        {
            if (sources.CommandLine.Has(parameter.Name))
            {
                throw new BuildFailedException(
                    $"{parameter.CliName} is a secret and is not taken from the command line, where every user of this machine " +
                    $"can read it (ps, /proc/<pid>/cmdline). {HowToSet(parameter)}");
            }

            var key = ParameterNames.Normalize(parameter.Name);
            if (sources.Files.FirstOrDefault(file => file.Values.ContainsKey(key) && IsInside(file.Path, root)) is { } file)
            {
                throw new BuildFailedException(
                    $"{file.DisplayPath} holds the secret '{file.Values[key].Key}' in plain text, inside the repository. " +
                    $"Remove it there. {HowToSet(parameter)}");
            }
        }
    }

    private static string HowToSet(ParameterMember parameter) =>
        $"Set the environment variable {parameter.EnvironmentName} instead (export {parameter.EnvironmentName}=..., " +
        $"or on GitHub Actions a step `env: {parameter.EnvironmentName}: ${{{{ secrets.{parameter.EnvironmentName} }}}}`), " +
        $"or put \"{parameter.Name}\" in a parameters file outside the repository and pass --parameters-file <path>.";

    private static bool IsInside(string path, AbsolutePath root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
