using Delivery.Docker;

namespace Delivery.Tests;

public sealed class GitHubActionsBuildCacheTests
{
    private static Dictionary<string, string> GitHub(string gitReference) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REF"] = gitReference,
        ["ACTIONS_RUNTIME_TOKEN"] = "token",
        ["ACTIONS_RESULTS_URL"] = "https://results.example/",
    };

    [Test]
    public void A_branch_run_on_GitHub_uses_one_cache_scope_per_image_and_platform()
    {
        var arguments = GitHubActionsBuildCache.Arguments(GitHub("refs/heads/main"), "acme/gateway", "linux/arm64");

        Assert.That(arguments, Is.EqualTo(new[]
        {
            "--cache-from", "type=gha,scope=acme-gateway-linux-arm64",
            "--cache-to", "type=gha,scope=acme-gateway-linux-arm64,mode=max",
        }));
    }

    [Test]
    public void A_release_tag_run_builds_without_the_cache() =>
        Assert.That(GitHubActionsBuildCache.Arguments(GitHub("refs/tags/v1.2.3"), "acme/gateway", "linux/amd64"), Is.Empty);

    [Test]
    public void Without_the_runtime_token_there_is_no_cache()
    {
        var environment = GitHub("refs/heads/main");
        environment.Remove("ACTIONS_RUNTIME_TOKEN");

        Assert.That(GitHubActionsBuildCache.Arguments(environment, "acme/gateway", "linux/amd64"), Is.Empty);
    }

    [Test]
    public void Local_builds_use_the_engine_cache_only() =>
        Assert.That(GitHubActionsBuildCache.Arguments(new Dictionary<string, string>(), "gateway", "linux/amd64"), Is.Empty);
}
