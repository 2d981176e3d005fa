namespace BuildEngine;

/// <summary>
/// Derives the jobs of a workflow from the target graph: each job's plan, the jobs it needs (those whose invoked
/// targets its targets depend on or run after), the targets it skips because a needed job ran them (and the
/// dependencies only those needed), the files it downloads, and the token scopes of what it runs. A workflow's
/// final target gets a last job of its own that needs every other job.
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
            plans[job] = PlanJob(job, invoked, closures[job], [.. directNeeds[job].Select(needed => plans[needed])]);
        }

        if (workflow.FinalTarget is { } finalName)
        {
            var final = FinalJob(targets, workflow, finalName, declared);
            plans[final.Job] = PlanJob(final.Job, final.Invoked, ExecutionPlanner.Close(final.Invoked), [.. plans.Values]) with { IsFinal = true };
        }

        return [.. plans.Values];
    }

    private static JobPlan PlanJob(GitHubActionsJobAttribute job, List<ExecutableTarget> invoked, HashSet<ExecutableTarget> closure, List<JobPlan> needs)
    {
        var upstream = Transitive(needs).ToList();
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
        var writes = runs.SelectMany(target => target.GitHubActions().WritePermissions).ToHashSet();
        var reads = runs.SelectMany(target => target.GitHubActions().ReadPermissions).Where(scope => !writes.Contains(scope)).ToHashSet();
        return new JobPlan(job, invoked, [.. ordered.Where(skipped.Contains)], runs, needs, downloads, writes, reads);
    }

    /// <summary>The job of the workflow's final target: named after it, invoking it alone; no declared job may invoke it or take its name.</summary>
    private static (GitHubActionsJobAttribute Job, List<ExecutableTarget> Invoked) FinalJob(IReadOnlyList<ExecutableTarget> targets,
        GitHubActionsWorkflowAttribute workflow, string finalName, List<(GitHubActionsJobAttribute Job, List<ExecutableTarget> Invoked)> declared)
    {
        var target = ExecutionPlanner.Find(targets, finalName);
        var id = ParameterNames.ToKebabCase(target.Name);
        if (declared.FirstOrDefault(job => job.Job.Id == id || job.Invoked.Contains(target)) is { Job: { } clash })
        {
            throw new BuildDefinitionException(
                $"Workflow '{workflow.Name}' has the final target {target.Name}, which gets a job '{id}' of its own; job '{clash.Id}' takes that name or invokes it too. Remove it from that job.");
        }

        return (new GitHubActionsJobAttribute(workflow.Name, id, target.Name) { DisplayName = target.Name }, [target]);
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
