namespace Delivery.Docker;

/// <summary>
/// buildx's layer cache in GitHub Actions' cache service, for runs on GitHub: one scope per image and platform
/// (a shared scope would let the platforms overwrite each other), and none on tag runs, so a release is built
/// from a clean state that a poisoned cache cannot reach.
/// </summary>
public static class GitHubActionsBuildCache
{
    public static IReadOnlyList<string> Arguments(IReadOnlyDictionary<string, string> environment, string image, string platform)
    {
        var onGitHub = environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";
        // The gha backend talks to the cache service with the runner's token, which a workflow exposes to run steps
        // (crazy-max/ghaction-github-runtime); without it there is no cache to use.
        var cacheService = environment.ContainsKey("ACTIONS_RUNTIME_TOKEN") &&
            (environment.ContainsKey("ACTIONS_CACHE_URL") || environment.ContainsKey("ACTIONS_RESULTS_URL"));
        var release = environment.GetValueOrDefault("GITHUB_REF", "").StartsWith("refs/tags/", StringComparison.Ordinal);
        if (!onGitHub || !cacheService || release)
        {
            return [];
        }

        var scope = $"{image.Replace('/', '-')}-{platform.Replace('/', '-')}";
        return ["--cache-from", $"type=gha,scope={scope}", "--cache-to", $"type=gha,scope={scope},mode=max"];
    }
}
