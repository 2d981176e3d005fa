namespace BuildEngine;

/// <summary>
/// Which targets a skip takes along: a dependency (or triggered target) is skipped too when every planned
/// target that needs it is skipped. Shared by the executor and the workflow generator, which must agree.
/// </summary>
internal static class SkipCascade
{
    /// <param name="plan">The planned targets.</param>
    /// <param name="skipped">Targets skipped to begin with.</param>
    /// <param name="isFixed">Targets that never join the cascade (invoked ones, or ones already decided).</param>
    /// <returns>The skipped targets, those given included.</returns>
    public static HashSet<ExecutableTarget> Expand(IReadOnlyCollection<ExecutableTarget> plan, IEnumerable<ExecutableTarget> skipped, Func<ExecutableTarget, bool> isFixed)
    {
        var result = skipped.ToHashSet();
        var changed = result.Count > 0;
        while (changed)
        {
            changed = false;
            foreach (var candidate in plan.Where(target => !result.Contains(target) && !isFixed(target)))
            {
                var needers = plan.Where(target => target.Dependencies.Contains(candidate) || target.Triggers.Contains(candidate)).ToList();
                if (needers.Count > 0 && needers.All(result.Contains))
                {
                    result.Add(candidate);
                    changed = true;
                }
            }
        }

        return result;
    }
}
