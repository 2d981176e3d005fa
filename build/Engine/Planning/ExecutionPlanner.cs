using Tooling;

namespace BuildEngine;

/// <summary>
/// Turns the invoked target names into an ordered plan: dependencies and triggers added until nothing
/// changes, then a topological order that breaks ties by declaration order, so the same invocation always
/// gives the same plan.
/// </summary>
internal static class ExecutionPlanner
{
    public static IReadOnlyList<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> targets, IReadOnlyCollection<string> invokedNames)
    {
        var invoked = invokedNames.Count > 0
            ? invokedNames.Select(name => Find(targets, name)).ToList()
            : targets.Where(target => target.IsDefault).ToList();
        if (invoked.Count == 0)
        {
            throw new BuildFailedException($"No target given and the build has no default target. {AvailableTargets(targets)}");
        }

        foreach (var target in invoked)
        {
            target.IsInvoked = true;
        }

        var planned = Close(invoked);
        return Order(planned);
    }

    /// <summary>Finds a target by name, ignoring case and dashes ("docker-build" is DockerBuild).</summary>
    public static ExecutableTarget Find(IReadOnlyList<ExecutableTarget> targets, string name) =>
        targets.FirstOrDefault(target => Normalize(target.Name) == Normalize(name))
        ?? throw new BuildFailedException(
            $"Target '{name}' does not exist.{Suggestion.DidYouMean(name, targets.Select(target => target.Name))} {AvailableTargets(targets)}");

    private static string AvailableTargets(IReadOnlyList<ExecutableTarget> targets) =>
        $"Available targets: {string.Join(", ", targets.Where(target => target.IsListed).Select(target => target.Name).Order(StringComparer.Ordinal))}.";

    private static string Normalize(string name) => name.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The invoked targets with everything they depend on or trigger, until nothing changes.</summary>
    public static HashSet<ExecutableTarget> Close(IEnumerable<ExecutableTarget> invoked)
    {
        var planned = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.TryPop(out var target))
        {
            if (!planned.Add(target))
            {
                continue;
            }

            foreach (var next in target.Dependencies.Concat(target.Triggers))
            {
                pending.Push(next);
            }
        }

        return planned;
    }

    /// <summary>Dependencies first; ties broken by declaration order.</summary>
    public static List<ExecutableTarget> Order(HashSet<ExecutableTarget> planned)
    {
        // predecessors[t]: planned targets that must finish before t starts.
        var predecessors = planned.ToDictionary(target => target, target => Predecessors(target, planned));
        var ordered = new List<ExecutableTarget>();
        var remaining = new SortedSet<ExecutableTarget>(planned, Comparer<ExecutableTarget>.Create((a, b) => a.DeclarationIndex.CompareTo(b.DeclarationIndex)));
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(target => predecessors[target].All(ordered.Contains));
            if (ready is null)
            {
                throw new BuildDefinitionException($"Circular dependencies between targets: {DescribeCycle(remaining, predecessors)}.");
            }

            ordered.Add(ready);
            remaining.Remove(ready);
        }

        return ordered;
    }

    private static HashSet<ExecutableTarget> Predecessors(ExecutableTarget target, HashSet<ExecutableTarget> planned)
    {
        var triggeredBy = planned.Where(other => other.Triggers.Contains(target));
        return [.. target.Dependencies.Concat(target.OrderAfter).Concat(triggeredBy).Where(planned.Contains)];
    }

    // Walks predecessor links among the targets that could not be ordered until one repeats: that loop is the cycle.
    private static string DescribeCycle(IEnumerable<ExecutableTarget> stuck, Dictionary<ExecutableTarget, HashSet<ExecutableTarget>> predecessors)
    {
        var stuckSet = stuck.ToHashSet();
        var path = new List<ExecutableTarget> { stuckSet.First() };
        while (true)
        {
            var next = predecessors[path[^1]].Where(stuckSet.Contains).OrderBy(target => target.DeclarationIndex).First();
            var seenAt = path.IndexOf(next);
            if (seenAt >= 0)
            {
                // path runs from a target to what it waits for: read "A -> B" as "A runs after B".
                var cycle = path[seenAt..];
                return string.Join(" -> ", cycle.Append(cycle[0]).Select(target => target.Name));
            }

            path.Add(next);
        }
    }
}
