using System.Text;

namespace BuildEngine;

/// <summary>
/// <c>./build.sh Push --help</c> (or <c>--help Push</c>): one target's description, its direct and transitive
/// dependencies, ordering and triggers, the files it produces and consumes, its tools and the parameters it reads.
/// </summary>
internal static class TargetHelpWriter
{
    private const int LabelWidth = 22;

    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> shown, IReadOnlyList<ParameterMember> parameters) =>
        string.Join(Environment.NewLine, shown.Select(target => Render(targets, target, parameters)));

    private static string Render(IReadOnlyList<ExecutableTarget> targets, ExecutableTarget target, IReadOnlyList<ParameterMember> parameters)
    {
        var text = new StringBuilder();
        text.AppendLine(target.IsDefault ? $"{target.Name} (default target)" : target.Name);
        if (target.Description is { } description)
        {
            HelpWriter.AppendWrapped(text, description, indent: 2);
        }

        text.AppendLine();
        var direct = target.Dependencies;
        Line(text, "Depends on", direct.Select(dependency => dependency.Name));
        Line(text, "Transitively", TransitiveDependencies(target).Except(direct).Select(dependency => dependency.Name));
        // OrderAfter holds both this target's After() and other targets' Before(this): either way it runs after them.
        Line(text, "Runs after (if run)", target.OrderAfter.Select(other => other.Name));
        Line(text, "Runs before (if run)", targets.Where(other => other.OrderAfter.Contains(target)).Select(other => other.Name));
        Line(text, "Triggers", target.Triggers.Select(other => other.Name));
        Line(text, "Triggered by", targets.Where(other => other.Triggers.Contains(target)).Select(other => other.Name));
        Line(text, "Required by", targets.Where(other => other.Dependencies.Contains(target)).Select(other => other.Name));
        Line(text, "Produces", target.ProducedGlobs);
        Line(text, "Consumes", target.Consumes.SelectMany(consumed => consumed.Globs.Select(glob => $"{glob} (from {consumed.Target.Name})")));
        Line(text, "Tools", target.Tools);

        var required = target.Definition.Requirements.Select(requirement => requirement.ParameterMember).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var read = required.Concat(target.Definition.UsedParameters).Distinct(StringComparer.Ordinal)
            .Select(name => parameters.FirstOrDefault(parameter => parameter.Name == name)
                ?? throw new BuildDefinitionException($"Target '{target.Name}' reads '{name}', which is not a parameter of the build. Fix the name in its .Reads(...)."))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ToList();
        var conditions = target.Definition.Requirements.Where(requirement => requirement.ParameterMember is null).Select(requirement => requirement.Text).ToList();
        text.AppendLine();
        text.AppendLine(read.Count > 0 ? "Parameters it reads:" : "Parameters it reads: none declared");
        HelpWriter.AppendParameters(text, read, parameter => required.Contains(parameter.Name) ? "Required." : null);
        foreach (var condition in conditions)
        {
            text.AppendLine($"  Requires: {condition}");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            text.AppendLine($"{label + ":",-LabelWidth}{string.Join(", ", list)}");
        }
    }

    /// <summary>Everything the target needs, dependencies before their dependents (the order they run in).</summary>
    private static List<ExecutableTarget> TransitiveDependencies(ExecutableTarget target)
    {
        var ordered = new List<ExecutableTarget>();
        var seen = new HashSet<ExecutableTarget> { target };
        void Visit(ExecutableTarget current)
        {
            foreach (var dependency in current.Dependencies.Where(seen.Add))
            {
                Visit(dependency);
                ordered.Add(dependency);
            }
        }

        Visit(target);
        return ordered;
    }
}
