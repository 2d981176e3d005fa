namespace Delivery.Docker;

/// <summary>
/// buildx's layer cache in GitHub Actions' cache service, for runs on GitHub: one scope per image and platform
/// (a shared scope would let the platforms overwrite each other), and none on tag runs, so a release is built
/// from a clean state that a poisoned cache cannot reach. The scope is taken from the platform a build request
/// finally targets (<see cref="Arguments"/>), so a request turned into another build (PushByDigest's rebuild) keeps
/// the scope of the platform it builds, the one DockerBuild filled.
/// </summary>
public sealed record GitHubActionsBuildCache(string Image)
{
    /// <summary>The cache for <paramref name="image"/> (gateway, echo) on this run; null where there is none to use.</summary>
    public static GitHubActionsBuildCache? For(IReadOnlyDictionary<string, string> environment, string image)
    {
        var onGitHub = environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";
        // The gha backend talks to the cache service with the runner's token, which a workflow exposes to run steps
        // (crazy-max/ghaction-github-runtime); without it there is no cache to use.
        var cacheService = environment.ContainsKey("ACTIONS_RUNTIME_TOKEN") &&
            (environment.ContainsKey("ACTIONS_CACHE_URL") || environment.ContainsKey("ACTIONS_RESULTS_URL"));
        var release = environment.GetValueOrDefault("GITHUB_REF", "").StartsWith("refs/tags/", StringComparison.Ordinal);
        return onGitHub && cacheService && !release ? new GitHubActionsBuildCache(image) : null;
    }

    /// <summary>What buildx reads the cache service's token from; the engine passes it to a build using this cache only.</summary>
    public IReadOnlyCollection<string> PassEnvironment => RuntimeToken;

    private static readonly string[] RuntimeToken = ["ACTIONS_RUNTIME_TOKEN"];

    /// <summary>
    /// --cache-from and --cache-to for a build of <paramref name="platform"/> (linux/arm64; several comma-separated for
    /// one multi-platform build; null for the engine's own).
    /// </summary>
    public IReadOnlyList<string> Arguments(string? platform)
    {
        var scope = Scope(platform);
        return ["--cache-from", $"type=gha,scope={scope}", "--cache-to", $"type=gha,scope={scope},mode=max"];
    }

    /// <summary>gateway-linux-arm64. A comma would end the scope inside buildx's comma-separated cache options, so platforms are joined by '-'.</summary>
    public string Scope(string? platform) =>
        $"{Image.Replace('/', '-')}-{(string.IsNullOrEmpty(platform) ? "native" : platform.Replace('/', '-').Replace(',', '-'))}";
}
