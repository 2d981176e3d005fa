namespace BuildEngine;

/// <summary>How one target waits for another on the --plan page; each kind is drawn in its own line style.</summary>
internal enum PlanEdgeKind
{
    /// <summary>DependsOn / DependentFor: the later target needs the earlier one.</summary>
    DependsOn,

    /// <summary>After / Before: ordering only, when both run.</summary>
    OrderedAfter,

    /// <summary>Triggers / TriggeredBy: the earlier target pulls the later one in.</summary>
    Triggers,
}

/// <summary>An arrow from the target that runs first to the one that runs after it.</summary>
internal sealed record PlanEdge(ExecutableTarget From, ExecutableTarget To, PlanEdgeKind Kind);

/// <summary>
/// Columns in execution order for a set of targets: a target's column comes after the column of every member it
/// depends on, is ordered after or is triggered by (the relations the planner orders by), so arrows always point
/// right and a target that runs last (RegistryLogout) is drawn last. Rows inside a column follow the mean row of the
/// target's predecessors, which keeps most arrows short and uncrossed, ties in the given order.
/// </summary>
internal sealed class PlanLayout
{
    private PlanLayout(IReadOnlyList<IReadOnlyList<ExecutableTarget>> columns, IReadOnlyList<PlanEdge> edges)
    {
        Columns = columns;
        Edges = edges;
        Column = columns.SelectMany((column, index) => column.Select(target => (target, index))).ToDictionary(pair => pair.target, pair => pair.index);
        Row = columns.SelectMany(column => column.Select((target, index) => (target, index))).ToDictionary(pair => pair.target, pair => pair.index);
    }

    public IReadOnlyList<IReadOnlyList<ExecutableTarget>> Columns { get; }
    public IReadOnlyList<PlanEdge> Edges { get; }
    public IReadOnlyDictionary<ExecutableTarget, int> Column { get; }
    public IReadOnlyDictionary<ExecutableTarget, int> Row { get; }

    /// <param name="members">The targets to draw, in the order that breaks ties (execution order for a plan).</param>
    public static PlanLayout Of(IReadOnlyList<ExecutableTarget> members)
    {
        var included = members.ToHashSet();
        var edges = members.SelectMany(target => EdgesOf(target, included)).ToList();
        var predecessors = members.ToDictionary(target => target, target => edges.Where(edge => edge.To == target).Select(edge => edge.From).ToList());

        var layer = new Dictionary<ExecutableTarget, int>();
        foreach (var target in members)
        {
            Layer(target, predecessors, layer, []);
        }

        var rank = members.Select((target, index) => (target, index)).ToDictionary(pair => pair.target, pair => pair.index);
        var row = new Dictionary<ExecutableTarget, double>();
        var columns = new List<IReadOnlyList<ExecutableTarget>>();
        foreach (var group in members.GroupBy(target => layer[target]).OrderBy(group => group.Key))
        {
            var column = group
                .OrderBy(target => predecessors[target].Where(row.ContainsKey).Select(predecessor => row[predecessor]).DefaultIfEmpty(-1).Average())
                .ThenBy(target => rank[target])
                .ToList();
            for (var index = 0; index < column.Count; index++)
            {
                row[column[index]] = index;
            }

            columns.Add(column);
        }

        return new PlanLayout(columns, edges);
    }

    private static IEnumerable<PlanEdge> EdgesOf(ExecutableTarget target, HashSet<ExecutableTarget> included)
    {
        foreach (var dependency in target.Dependencies.Where(included.Contains))
        {
            yield return new PlanEdge(dependency, target, PlanEdgeKind.DependsOn);
        }

        foreach (var earlier in target.OrderAfter.Where(included.Contains).Except(target.Dependencies))
        {
            yield return new PlanEdge(earlier, target, PlanEdgeKind.OrderedAfter);
        }

        foreach (var triggered in target.Triggers.Where(included.Contains))
        {
            yield return new PlanEdge(target, triggered, PlanEdgeKind.Triggers);
        }
    }

    private static int Layer(ExecutableTarget target, Dictionary<ExecutableTarget, List<ExecutableTarget>> predecessors,
        Dictionary<ExecutableTarget, int> layer, HashSet<ExecutableTarget> visiting)
    {
        if (layer.TryGetValue(target, out var known))
        {
            return known;
        }

        if (!visiting.Add(target))
        {
            return 0; // a cycle: the planner reports it for planned targets; the whole-build drawing just stops there
        }

        var value = predecessors[target].Select(predecessor => Layer(predecessor, predecessors, layer, visiting) + 1).DefaultIfEmpty(0).Max();
        visiting.Remove(target);
        return layer[target] = value;
    }
}
