namespace BuildEngine;

/// <summary>
/// The arguments split the NUKE way: tokens before the first <c>--name</c> are target names; each
/// <c>--name</c> takes the tokens up to the next one as its values (<c>--name=value</c> works too). A name given
/// twice keeps its last occurrence.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, (string Name, string[] Values)> options = [];

    private CommandLine(IReadOnlyList<string> positionalTargets) => PositionalTargets = positionalTargets;

    public IReadOnlyList<string> PositionalTargets { get; }

    /// <summary>The option names as typed, for reporting unknown ones.</summary>
    public IEnumerable<string> OptionNames => options.Values.Select(option => option.Name);

    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        var targets = arguments.TakeWhile(argument => !IsOption(argument)).ToList();
        var commandLine = new CommandLine(targets);
        string? current = null;
        var values = new List<string>();
        foreach (var argument in arguments.Skip(targets.Count))
        {
            if (IsOption(argument))
            {
                commandLine.Store(current, values);
                var separator = argument.IndexOf('=', StringComparison.Ordinal);
                current = separator < 0 ? argument : argument[..separator];
                values = separator < 0 ? [] : [argument[(separator + 1)..]];
            }
            else
            {
                values.Add(argument);
            }
        }

        commandLine.Store(current, values);
        return commandLine;
    }

    public bool Has(string name) => options.ContainsKey(ParameterNames.Normalize(name));

    public string[]? GetValues(string name) =>
        options.TryGetValue(ParameterNames.Normalize(name), out var option) ? option.Values : null;

    private static bool IsOption(string argument) => argument.StartsWith("--", StringComparison.Ordinal) && argument.Length > 2;

    private void Store(string? name, List<string> values)
    {
        if (name is not null)
        {
            options[ParameterNames.Normalize(name)] = (name, [.. values]);
        }
    }
}
