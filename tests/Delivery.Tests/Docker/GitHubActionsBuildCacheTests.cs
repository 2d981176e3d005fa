using Delivery.Docker;
using Delivery.MultiArch;

namespace Delivery.Tests.Docker;

public sealed class GitHubActionsBuildCacheTests
{
    private static Dictionary<string, string> GitHub(string gitReference) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REF"] = gitReference,
        ["ACTIONS_RUNTIME_TOKEN"] = "token",
        ["ACTIONS_RESULTS_URL"] = "https://results.example/",
    };

    /// <summary>What DockerBuild asks for on a matrix leg: the gateway, without a platform until the leg sets it.</summary>
    private static DockerBuildRequest GatewayRequest(string? platform) => new()
    {
        Dockerfile = "/repo/Dockerfile.multistage",
        Context = "/repo",
        Tags = ["gateway:dev"],
        Platform = platform,
        UseBuildx = true,
        Cache = GitHubActionsBuildCache.For(GitHub("refs/heads/main"), "gateway"),
    };

    [Test]
    public void A_branch_run_on_GitHub_uses_one_cache_scope_per_image_and_platform()
    {
        var arguments = GitHubActionsBuildCache.For(GitHub("refs/heads/main"), "acme/gateway")!.Arguments("linux/arm64");

        Assert.That(arguments, Is.EqualTo(new[]
        {
            "--cache-from", "type=gha,scope=acme-gateway-linux-arm64",
            "--cache-to", "type=gha,scope=acme-gateway-linux-arm64,mode=max",
        }));
    }

    [Test]
    public void One_build_of_several_platforms_gets_a_scope_of_its_own_without_a_comma_that_would_split_buildx_s_options() =>
        Assert.That(GitHubActionsBuildCache.For(GitHub("refs/heads/main"), "gateway")!.Scope("linux/amd64,linux/arm64"),
            Is.EqualTo("gateway-linux-amd64-linux-arm64"));

    [Test]
    public void A_build_for_the_engine_s_own_platform_has_the_native_scope() =>
        Assert.That(CacheArguments(DockerBuildArguments.For(GatewayRequest(null))), Does.Contain("type=gha,scope=gateway-native"));

    [Test]
    public void A_release_tag_run_builds_without_the_cache() =>
        Assert.That(GitHubActionsBuildCache.For(GitHub("refs/tags/v1.2.3"), "acme/gateway"), Is.Null);

    [Test]
    public void Without_the_runtime_token_there_is_no_cache()
    {
        var environment = GitHub("refs/heads/main");
        environment.Remove("ACTIONS_RUNTIME_TOKEN");

        Assert.That(GitHubActionsBuildCache.For(environment, "acme/gateway"), Is.Null);
    }

    [Test]
    public void Local_builds_use_the_engine_cache_only() =>
        Assert.That(DockerBuildArguments.For(GatewayRequest("linux/amd64") with { Cache = GitHubActionsBuildCache.For(new Dictionary<string, string>(), "gateway") }),
            Has.None.StartsWith("--cache"));

    private static IReadOnlyList<string> CacheArguments(IReadOnlyList<string> arguments) =>
        [.. arguments.Select((argument, index) => (argument, index))
            .Where(pair => pair.argument.StartsWith("--cache-", StringComparison.Ordinal))
            .SelectMany(pair => new[] { pair.argument, arguments[pair.index + 1] })];
}
