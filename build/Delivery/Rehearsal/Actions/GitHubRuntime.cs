namespace Delivery.Rehearsal.Actions;

/// <summary>
/// crazy-max/ghaction-github-runtime exports the runner's cache-service token to later steps. There is no GitHub
/// cache service here, so nothing is exported and buildx's gha cache stays off (the build then uses none).
/// </summary>
public sealed class GitHubRuntime : IActionEquivalent
{
    public string Action => "crazy-max/ghaction-github-runtime";

    public Task<ActionOutcome> RunAsync(StepInvocation step)
    {
        // On GitHub this step hands the cache token to every later step of the job: the report lists it as a cache.
        step.Job.Caches.Add("cache token: the step that exports ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL ran (on GitHub: exported to every later step; here: nothing to export)");
        return Task.FromResult(ActionOutcome.Done("no GitHub cache service offline: ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL not exported; buildx's gha cache NOT rehearsed"));
    }
}
