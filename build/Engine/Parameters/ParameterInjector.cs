using Tooling;

namespace BuildEngine;

/// <summary>Sets every parameter member from the sources; secret values go to the masker before anything can print them.</summary>
internal static class ParameterInjector
{
    public static void Inject(
        object instance,
        IEnumerable<ParameterMember> parameters,
        ParameterSources sources,
        SecretMasker masker,
        string baseDirectory,
        bool commandLineOnly = false)
    {
        foreach (var parameter in parameters)
        {
            if (sources.Find(parameter, commandLineOnly || parameter.IsCommandLineOnly) is not { } raw)
            {
                if (parameter.IsCommandLineOnly && !commandLineOnly && sources.Find(parameter) is { } elsewhere)
                {
                    throw new BuildFailedException(
                        $"{parameter.CliName} is taken from the command line only, and the {elsewhere.Origin} sets it. " +
                        $"Remove it there, and pass {parameter.CliName} when you mean it.");
                }

                continue;
            }

            if (parameter.IsSecret)
            {
                masker.Add(raw.Values);
            }

            var value = ValueConverter.Convert(parameter, raw, baseDirectory);
            if (parameter.IsSecret && value is Array items)
            {
                // "a,b" is split into items the build uses one by one: each must be masked, not only the whole text.
                masker.Add(items.Cast<object?>().Select(item => item?.ToString()));
            }

            parameter.SetValue(instance, value);
        }
    }

    /// <summary>A mistyped option or file key fails loudly instead of being silently ignored.</summary>
    public static void RejectUnknown(ParameterSources sources, IReadOnlyCollection<ParameterMember> known)
    {
        var knownKeys = known.Select(parameter => ParameterNames.Normalize(parameter.Name)).ToHashSet();
        var unknownOption = sources.CommandLine.OptionNames.FirstOrDefault(name => !knownKeys.Contains(ParameterNames.Normalize(name)));
        if (unknownOption is not null)
        {
            var suggestion = Suggestion.DidYouMean(unknownOption, known.Where(parameter => !parameter.IsSecret).Select(parameter => parameter.CliName));
            throw new BuildFailedException($"Unknown parameter '{unknownOption}'.{suggestion} Run './build.sh --help' to list the parameters.");
        }

        foreach (var file in sources.Files)
        {
            var unknownKey = file.Values.FirstOrDefault(entry => !knownKeys.Contains(entry.Key)).Value.Key;
            if (unknownKey is not null)
            {
                throw new BuildFailedException(
                    $"{file.DisplayPath}: unknown parameter '{unknownKey}'.{Suggestion.DidYouMean(unknownKey, known.Select(parameter => parameter.Name))} Known parameters: " +
                    $"{string.Join(", ", known.Select(parameter => parameter.Name).Order(StringComparer.Ordinal))}. " +
                    "Fix or remove the key (.nuke/build.schema.json lists them for editor completion).");
            }
        }
    }
}
