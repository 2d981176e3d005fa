namespace BuildEngine;

/// <summary>
/// A pull request's code (its build script, its tests) runs in every job its event starts, so such a job holds no
/// write scope but the one code scanning needs: security-events, for the SARIF upload of a same-repository pull
/// request (a fork's token cannot write it anyway). Checked when a workflow is generated, so a target that writes
/// (a push, a notification) cannot slip into a job a pull request runs; it goes to a job that runs only for pushes
/// (one whose every invoked target publishes) or to a workflow without the pull_request trigger.
/// </summary>
internal static class PullRequestScopes
{
    /// <summary>The only scope a job a pull request runs may write.</summary>
    public static readonly IReadOnlySet<GitHubPermission> Allowed = new HashSet<GitHubPermission> { GitHubPermission.SecurityEvents };

    public static void Check(GitHubActionsWorkflowAttribute workflow, IReadOnlyList<JobPlan> jobs)
    {
        if (workflow.OnPullRequestBranches.Length == 0)
        {
            return;
        }

        // A publishing job's if: is PublishingRun.Condition, which a pull_request event never meets.
        foreach (var job in jobs.Where(job => !job.IsPublishing))
        {
            var forbidden = job.WritePermissions.Where(scope => !Allowed.Contains(scope)).Order().ToList();
            if (forbidden.Count == 0)
            {
                continue;
            }

            var writers = job.Runs.Where(target => target.GitHubActions().WritePermissions.Any(forbidden.Contains)).Select(target => target.Name);
            throw new BuildDefinitionException(
                $"Workflow '{workflow.Name}' runs on pull_request, and its job '{job.Id}' would hold " +
                $"{string.Join(", ", forbidden.Select(scope => ParameterNames.ToKebabCase(scope.ToString()) + ": write"))} " +
                $"(for {string.Join(", ", writers)}): a pull request's code may write nothing but security-events. " +
                "Move the target to a job whose every target publishes (it runs only for pushes) or to a workflow without OnPullRequestBranches.");
        }
    }
}
