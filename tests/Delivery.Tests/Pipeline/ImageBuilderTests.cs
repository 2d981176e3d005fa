using Delivery.Docker;
using Delivery.Images;
using Delivery.Labels;
using Delivery.MultiArch;
using Delivery.Pipeline;
using Tooling;

namespace Delivery.Tests.Pipeline;

/// <summary>
/// <see cref="ImageBuilder.Request"/>: each <see cref="AppImage"/> becomes Dockerfile.multistage's arguments (APP_DIR,
/// APP_NAME, the echo image's TITLE and DESCRIPTION), its own build cache scope, and the kept archive's place.
/// </summary>
public sealed class ImageBuilderTests
{
    private static readonly BaseImages Bases = new("mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled");
    private static readonly Dictionary<string, string> Labels = new() { [OciLabels.Prefix + "title"] = "Gateway", [OciLabels.Prefix + "revision"] = Events.Sha };

    private static readonly Dictionary<string, string> GitHubCacheRun = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["ACTIONS_RUNTIME_TOKEN"] = "t",
        ["ACTIONS_RESULTS_URL"] = "https://results",
        ["GITHUB_REF"] = "refs/heads/main",
    };

    [Test]
    public void The_gateway_takes_its_title_from_the_labels_and_the_echo_image_from_its_description()
    {
        var builder = Builder(new Dictionary<string, string>());

        var gateway = builder.Request(true, AppImage.Gateway, ["r/g:1"], Labels, "linux/amd64", Bases);
        var echo = builder.Request(true, AppImage.Echo, [AppImage.Echo.LocalTag], Labels, "linux/amd64", Bases);

        Assert.Multiple(() =>
        {
            Assert.That(gateway.BuildArguments["APP_DIR"], Is.EqualTo("apps/backend"));
            Assert.That(gateway.BuildArguments["APP_NAME"], Is.EqualTo("Gateway"));
            Assert.That(gateway.BuildArguments["TITLE"], Is.EqualTo("Gateway"));
            Assert.That(gateway.BuildArguments, Does.Not.ContainKey("DESCRIPTION"));
            Assert.That(gateway.BuildArguments, Does.Not.ContainKey("EXPOSE_PORTS"), "the Dockerfile's default: public and management port");
            Assert.That(echo.BuildArguments["APP_DIR"], Is.EqualTo("apps/echo"));
            Assert.That(echo.BuildArguments["APP_NAME"], Is.EqualTo("Echo"));
            Assert.That(echo.BuildArguments["TITLE"], Is.EqualTo("Gateway echo"));
            Assert.That(echo.BuildArguments["DESCRIPTION"], Is.EqualTo("Echo upstream for the gateway's local runs and tests."));
            Assert.That(echo.BuildArguments["REVISION"], Is.EqualTo(Events.Sha));
            Assert.That(echo.BuildArguments["EXPOSE_PORTS"], Is.EqualTo("8080"));
            Assert.That(echo.Dockerfile, Is.EqualTo("/repo/Dockerfile.multistage"));
        });
    }

    [Test]
    public void Each_app_has_its_own_build_cache_and_kept_archive()
    {
        var builder = Builder(GitHubCacheRun);

        Assert.Multiple(() =>
        {
            Assert.That(builder.Request(true, AppImage.Gateway, [], Labels, "linux/arm64", Bases).Cache!.Scope("linux/arm64"), Is.EqualTo("gateway-linux-arm64"));
            Assert.That(builder.Request(true, AppImage.Echo, [], Labels, "linux/arm64", Bases).Cache!.Scope("linux/arm64"), Is.EqualTo("echo-linux-arm64"));
            Assert.That(builder.Request(false, AppImage.Echo, [], Labels, null, Bases).Cache, Is.Null, "plain docker build has no gha cache");
            Assert.That((string)builder.KeptArchive(AppImage.Gateway, TargetPlatform.Parse("linux/arm64")), Is.EqualTo("/repo/.nuke/temp/images/gateway-linux-arm64.oci.tar"));
        });
    }

    private static ImageBuilder Builder(IReadOnlyDictionary<string, string> environment) =>
        new(new DockerCli((arguments, _) => throw new AssertionException($"docker was called with {string.Join(' ', arguments)}: a request is built without docker")),
            new ImageBuildSettings(AbsolutePath.Create("/repo"), AbsolutePath.Create("/repo/.nuke/temp"), null, false, null, environment, () => Task.FromResult(Bases)), Serilog.Core.Logger.None);
}
