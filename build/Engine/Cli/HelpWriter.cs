using System.Text;

namespace BuildEngine;

/// <summary>
/// The --help text: targets with their direct dependencies (the default marked), then the build's parameters
/// and the engine's options, descriptions wrapped to the terminal width.
/// </summary>
internal static class HelpWriter
{
    private const int Width = 100;

    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<ParameterMember> builtIns)
    {
        var text = new StringBuilder();
        text.AppendLine("Targets (with their direct dependencies):");
        text.AppendLine();
        var listed = targets.Where(target => target.IsListed).OrderBy(target => target.Name, StringComparer.Ordinal).ToList();
        var nameWidth = listed.Max(target => Label(target).Length) + 2;
        foreach (var target in listed)
        {
            var dependencies = target.Dependencies.Count > 0 ? "-> " + string.Join(", ", target.Dependencies.Select(dependency => dependency.Name)) : "";
            text.AppendLine($"  {Label(target).PadRight(nameWidth)}{dependencies}".TrimEnd());
            if (target.Description is { } description)
            {
                AppendWrapped(text, description, indent: 6);
            }
        }

        text.AppendLine();
        text.AppendLine("Parameters:");
        text.AppendLine();
        AppendParameters(text, parameters.OrderBy(parameter => parameter.Name, StringComparer.Ordinal).ToList());
        text.AppendLine();
        AppendParameters(text, builtIns);
        return text.ToString();
    }

    private static string Label(ExecutableTarget target) => target.IsDefault ? $"{target.Name} (default)" : target.Name;

    /// <summary>One parameter a line (wrapped), with its allowed values and how it may be set; <paramref name="note"/> adds to a description.</summary>
    internal static void AppendParameters(StringBuilder text, IReadOnlyList<ParameterMember> parameters, Func<ParameterMember, string?>? note = null)
    {
        const int nameWidth = 28;
        foreach (var parameter in parameters)
        {
            var description = (note?.Invoke(parameter) is { } prefix ? prefix + " " : "") + (parameter.Description ?? "");
            if (ValueConverter.AllowedValues(parameter.Type) is { } allowed)
            {
                description += $" One of: {string.Join(", ", allowed)}.";
            }

            if (parameter.IsSecret)
            {
                description += $" Secret: never printed; from the environment ({parameter.EnvironmentName}) or a --parameters-file outside the repository, never the command line.";
            }

            if (parameter.IsCommandLineOnly)
            {
                description += " Command line only.";
            }

            // A name that leaves no two spaces before the description column gets a line of its own.
            var name = $"  {parameter.CliName}";
            var lines = Wrap(description.Trim(), Width - nameWidth);
            text.AppendLine((name.Length > nameWidth - 2 ? name + Environment.NewLine + new string(' ', nameWidth) : name.PadRight(nameWidth)) + lines.FirstOrDefault());
            foreach (var line in lines.Skip(1))
            {
                text.AppendLine(new string(' ', nameWidth) + line);
            }
        }
    }

    internal static void AppendWrapped(StringBuilder text, string content, int indent)
    {
        foreach (var line in Wrap(content, Width - indent))
        {
            text.AppendLine(new string(' ', indent) + line);
        }
    }

    private static List<string> Wrap(string content, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in content.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines;
    }
}
