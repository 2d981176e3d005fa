namespace BuildEngine;

/// <summary>
/// Derives the jobs of a workflow from the target graph: each job's plan, the jobs it needs (those whose invoked
/// targets its targets depend on or run after), the targets it skips because a needed job ran them (and the
/// dependencies only those needed), the files it downloads, and the token scopes of what it runs (plus those
/// the workflow grants every job).
/// </summary>
internal static class WorkflowPlanner
{
    public static IReadOnlyList<JobPlan> Plan(
        IReadOnlyList<ExecutableTarget> targets, GitHubActionsWorkflowAttribute workflow, IEnumerable<GitHubActionsJobAttribute> jobs)
    {
        var declared = jobs.Select(job => (Job: job, Invoked: job.InvokedTargets.Select(name => ExecutionPlanner.Find(targets, name)).ToList())).ToList();
        if (declared.GroupBy(job => job.Job.Id).FirstOrDefault(group => group.Count() > 1) is { } duplicate)
        {
            throw new BuildDefinitionException($"Two jobs of workflow '{duplicate.First().Job.Workflow}' are named '{duplicate.Key}'.");
        }

        var closures = declared.ToDictionary(job => job.Job, job => ExecutionPlanner.Close(job.Invoked));
        var directNeeds = declared.ToDictionary(job => job.Job, job => declared
            .Where(other => other.Job != job.Job && other.Invoked.Any(invoked => IsNeededBy(invoked, closures[job.Job])))
            .Select(other => other.Job)
            .ToList());

        var plans = new Dictionary<GitHubActionsJobAttribute, JobPlan>();
        foreach (var (job, invoked) in OrderByNeeds(declared, directNeeds))
        {
            var needs = directNeeds[job].Select(needed => plans[needed]).ToList();
            var upstream = Transitive(needs).ToList();
            var closure = closures[job];
            var doneUpstream = closure.Where(target => !invoked.Contains(target) && upstream.Any(plan => plan.Invoked.Contains(target))).ToList();
            var skipped = SkipCascade.Expand(closure, doneUpstream, invoked.Contains);
            var ordered = ExecutionPlanner.Order(closure);
            var runs = ordered.Where(target => !skipped.Contains(target)).ToList();
            // Files of targets a needed job ran: those this job skips (their outputs stand in for the run), and those
            // a target it runs Consumes (ordered after them, not depending on them, as a merge after its matrix).
            var consumed = runs.SelectMany(target => target.Consumes.Select(consumption => consumption.Target));
            var downloads = doneUpstream.Concat(consumed).Distinct()
                .Where(target => target.ProducedGlobs.Count > 0 && !runs.Contains(target))
                .SelectMany(target => upstream.Where(plan => plan.Invoked.Contains(target)).Take(1).Select(from => (from, target)))
                .ToList();
            var writes = runs.SelectMany(target => target.WritePermissions).Concat(workflow.EveryJobWrites).ToHashSet();
            var reads = runs.SelectMany(target => target.ReadPermissions).Concat(workflow.EveryJobReads).Where(scope => !writes.Contains(scope)).ToHashSet();
            plans[job] = new JobPlan(job, invoked, [.. ordered.Where(skipped.Contains)], runs, needs, downloads, writes, reads);
        }

        return [.. plans.Values];
    }

    // A job needs another when one of its targets depends on, is triggered by, or is ordered after a target the other invokes.
    private static bool IsNeededBy(ExecutableTarget invokedElsewhere, HashSet<ExecutableTarget> closure) =>
        closure.Contains(invokedElsewhere) || closure.Any(target => target.OrderAfter.Contains(invokedElsewhere));

    private static IEnumerable<(GitHubActionsJobAttribute Job, List<ExecutableTarget> Invoked)> OrderByNeeds(
        List<(GitHubActionsJobAttribute Job, List<ExecutableTarget> Invoked)> declared,
        Dictionary<GitHubActionsJobAttribute, List<GitHubActionsJobAttribute>> needs)
    {
        var done = new HashSet<GitHubActionsJobAttribute>();
        var remaining = declared.ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(job => needs[job.Job].All(done.Contains));
            if (ready.Job is null)
            {
                throw new BuildDefinitionException(
                    $"The jobs {string.Join(", ", remaining.Select(job => job.Job.Id))} need each other: their targets depend on each other's invoked targets.");
            }

            done.Add(ready.Job);
            remaining.Remove(ready);
            yield return ready;
        }
    }

    private static IEnumerable<JobPlan> Transitive(IEnumerable<JobPlan> needs) =>
        needs.SelectMany(plan => Transitive(plan.Needs).Prepend(plan)).Distinct();
}
