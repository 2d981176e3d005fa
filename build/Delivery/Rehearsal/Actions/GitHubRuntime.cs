namespace Delivery.Rehearsal.Actions;

/// <summary>
/// crazy-max/ghaction-github-runtime exports the runner's cache-service token to later steps. There is no GitHub
/// cache service here, so nothing is exported and buildx's gha cache stays off (the build then uses none).
/// </summary>
public sealed class GitHubRuntime : IActionEquivalent
{
    public string Action => "crazy-max/ghaction-github-runtime";

    public Task<ActionOutcome> RunAsync(StepInvocation step) =>
        Task.FromResult(ActionOutcome.Done("no GitHub cache service offline: ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL not exported; buildx's gha cache NOT rehearsed"));
}
