using Tooling;

namespace BuildEngine;

/// <summary>
/// Decides, before anything runs, which planned targets are skipped: by <c>--skip</c>, by a previous
/// attempt (<c>--continue</c>) or by a false static condition. A skip cascades to dependencies that no
/// running target needs any more (for static conditions only when the target says WhenSkipped(Skip)).
/// </summary>
internal static class SkipRules
{
    /// <param name="skipNames">null: no --skip; empty: a bare --skip, which skips every target not invoked.</param>
    public static void Apply(IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget>? skipped, IReadOnlySet<string> succeededBefore)
    {
        var cascadeFrom = new List<ExecutableTarget>();
        foreach (var target in plan)
        {
            if (skipped is not null && (skipped.Count == 0 ? !target.IsInvoked : skipped.Contains(target)))
            {
                Skip(target, "Skipped: via --skip");
                cascadeFrom.Add(target);
            }
            else if (succeededBefore.Contains(target.Name))
            {
                Skip(target, "Skipped: succeeded in the previous attempt (--continue)");
            }
            else if (target.Definition.StaticConditions.FirstOrDefault(condition => !condition.Evaluate()) is { } failed)
            {
                Skip(target, $"OnlyWhen: {failed.Text}");
                if (target.Definition.SkippedDependencyBehavior == DependencyBehavior.Skip)
                {
                    cascadeFrom.Add(target);
                }
            }
        }

        Cascade(plan, cascadeFrom);
    }

    /// <summary>Requirements of every target that will run, all checked before the first one starts.</summary>
    /// <param name="describeParameter">A parameter member's name as the user gives it (<c>--api-key (or environment variable API_KEY)</c>).</param>
    /// <param name="renderCondition">A condition's text with parameter members as their options (<c>--replicas &gt; 0</c>).</param>
    public static void CheckRequirements(IReadOnlyList<ExecutableTarget> plan, Func<string, string> describeParameter, Func<string, string> renderCondition)
    {
        var problems = plan
            .Where(target => target.Status == TargetStatus.Pending)
            .SelectMany(target => target.Definition.Requirements
                .Where(requirement => !requirement.IsMet())
                .Select(requirement => requirement.ParameterMember is { } member
                    ? $"Target '{target.Name}' requires parameter {describeParameter(member)}, which has no value."
                    : $"Target '{target.Name}' requires {renderCondition(requirement.Text)}, which is false: pass values that satisfy it."))
            .ToList();
        if (problems.Count > 0)
        {
            throw new BuildFailedException(string.Join(Environment.NewLine, problems));
        }
    }

    private static void Cascade(IReadOnlyList<ExecutableTarget> plan, List<ExecutableTarget> roots)
    {
        foreach (var target in SkipCascade.Expand(plan, roots, target => target.IsInvoked || target.Status != TargetStatus.Pending).Except(roots))
        {
            var needers = plan.Where(other => other.Dependencies.Contains(target) || other.Triggers.Contains(target)).Select(other => other.Name);
            Skip(target, $"Skipped: only needed by skipped {string.Join(", ", needers)}");
        }
    }

    private static void Skip(ExecutableTarget target, string note)
    {
        target.Status = TargetStatus.Skipped;
        target.Note = note;
    }
}
