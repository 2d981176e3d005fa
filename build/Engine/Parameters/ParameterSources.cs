namespace BuildEngine;

/// <summary>
/// Where parameter values come from, highest precedence first: the command line, the environment, then the
/// parameter files (profiles given with --profile override .nuke/parameters.json, later profiles earlier ones, and
/// --parameters-file overrides them all).
/// </summary>
internal sealed class ParameterSources(
    CommandLine commandLine,
    IReadOnlyDictionary<string, string> environment,
    IReadOnlyList<ParameterFile> files,
    Action<string> warn)
{
    public CommandLine CommandLine { get; } = commandLine;

    public IReadOnlyList<ParameterFile> Files { get; } = files;

    public RawValue? Find(ParameterMember parameter, bool commandLineOnly = false)
    {
        if (CommandLine.GetValues(parameter.Name) is { } cliValues)
        {
            return new RawValue(cliValues, $"command line {parameter.CliName}");
        }

        if (commandLineOnly)
        {
            return null;
        }

        return FromEnvironment(parameter) ?? FromFiles(parameter);
    }

    private RawValue? FromEnvironment(ParameterMember parameter)
    {
        if (environment.TryGetValue(parameter.Name, out var exact))
        {
            return new RawValue([exact], $"environment variable {parameter.Name}");
        }

        var key = ParameterNames.Normalize(parameter.Name);
        var matches = environment
            .Where(variable => ParameterNames.IsEnvironmentNameOf(variable.Key, key))
            .OrderBy(variable => variable.Key, StringComparer.Ordinal)
            .ToList();
        if (matches.Select(variable => variable.Value).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            warn($"Environment variables {string.Join(", ", matches.Select(variable => variable.Key))} all name parameter {parameter.CliName} " +
                 "with different values; none is used. Unset all but one.");
            return null;
        }

        return matches.Count > 0 ? new RawValue([matches[0].Value], $"environment variable {matches[0].Key}") : null;
    }

    private RawValue? FromFiles(ParameterMember parameter)
    {
        var key = ParameterNames.Normalize(parameter.Name);
        return Files.Reverse()
            .Where(file => file.Values.ContainsKey(key))
            .Select(file => new RawValue(file.Values[key].Values, $"{file.DisplayPath} key '{file.Values[key].Key}'"))
            .FirstOrDefault();
    }
}
