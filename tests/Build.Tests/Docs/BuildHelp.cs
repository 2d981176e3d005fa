using System.Text.RegularExpressions;

namespace Build.Tests.Docs;

/// <summary>
/// The targets and options the build itself lists in <c>./build.sh --help</c>: the truth documented commands are
/// checked against, read from the running build rather than from a list kept by hand.
/// </summary>
internal sealed partial record BuildHelp(IReadOnlySet<string> Targets, IReadOnlySet<string> Options)
{
    /// <summary>Parses the help text: target lines under "Targets", option lines (parameters and built-ins) under "Parameters:".</summary>
    public static BuildHelp Parse(string help)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var parametersAt = Array.FindIndex(lines, line => line.TrimEnd() == "Parameters:");
        if (parametersAt < 0)
        {
            throw new FormatException($"No 'Parameters:' line in ./build.sh --help; update {nameof(BuildHelp)}.{nameof(Parse)} to its format:\n{help}");
        }

        var targets = lines[..parametersAt].Select(line => TargetLine().Match(line)).Where(match => match.Success)
            .Select(match => NormalizeTarget(match.Groups["name"].Value));
        var options = lines[parametersAt..].Select(line => OptionLine().Match(line)).Where(match => match.Success)
            .Select(match => match.Groups["name"].Value);
        return new BuildHelp(targets.ToHashSet(StringComparer.Ordinal), options.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Targets are invoked case- and dash-insensitively (<c>./build.sh docker-build</c>): compared in this form.</summary>
    public static string NormalizeTarget(string name) => name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    [GeneratedRegex(@"^  (?<name>[A-Za-z][A-Za-z0-9]*)(?: \(default\))?\s*(?:->.*)?$")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"^  (?<name>--[a-z0-9][a-z0-9-]*)")]
    private static partial Regex OptionLine();
}
