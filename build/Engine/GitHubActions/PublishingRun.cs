namespace BuildEngine;

/// <summary>
/// Whether this run is one whose publishing jobs run. On GitHub Actions the generated workflow tells every job that
/// runs a publishing target, in <see cref="Variable"/>, with the very expression the publishing jobs' <c>if:</c> is
/// (<see cref="Condition"/>): one rule, rendered once, so a target that must publish only when a publishing job will
/// take its output (a push by digest that the merge job turns into a tagged index) agrees with the workflow.
/// </summary>
internal static class PublishingRun
{
    public const string Variable = "PUBLISHING_RUN";

    /// <summary>The <c>if:</c> of a publishing job, and the value of <see cref="Variable"/>.</summary>
    public static string Condition(GitHubActionsWorkflowAttribute workflow) =>
        HasCodeTriggers(workflow)
            ? "github.event_name == 'push' && (github.ref == format('refs/heads/{0}', github.event.repository.default_branch) || startsWith(github.ref, 'refs/tags/'))"
            : "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

    /// <summary>
    /// Off GitHub Actions: true (a developer publishes when they ask to). On it: what the workflow passed; a job it
    /// passed nothing to (a hand-written workflow, or one whose jobs run no publishing target) is not a publishing run.
    /// </summary>
    public static bool IsPublishing(IReadOnlyDictionary<string, string> environment) =>
        environment.GetValueOrDefault("GITHUB_ACTIONS") != "true" || environment.GetValueOrDefault(Variable) == "true";

    /// <summary>
    /// Runs for pushed code or pull requests, where a publishing job runs only for pushes to the default branch and
    /// tags. A workflow only scheduled or dispatched (registry maintenance) has no push to wait for: its publishing
    /// job runs on schedule (always the default branch) or when dispatched on the default branch, never on another.
    /// </summary>
    private static bool HasCodeTriggers(GitHubActionsWorkflowAttribute workflow) =>
        workflow.OnPushBranches.Length > 0 || workflow.OnPushTags.Length > 0 || workflow.OnPullRequestBranches.Length > 0;
}
