using Delivery.Metrics;

namespace Delivery.Tests.Metrics;

/// <summary>Cache hits and the build-context transfer, read from what BuildKit printed for real builds (Fixtures/buildkit).</summary>
public sealed class BuildKitProgressTests
{
    private static BuildKitBuildStats ParseFixture(string name) => BuildKitProgress.Parse(File.ReadLines(Fixtures.Path("buildkit", name)));

    [Test]
    public void A_build_after_a_change_reports_the_few_cached_steps_and_the_context()
    {
        var stats = ParseFixture("gateway-changed.txt");

        Assert.That(stats, Is.EqualTo(new BuildKitBuildStats(CachedSteps: 2, TotalSteps: 11, ContextTransferBytes: 104_280)));
    }

    [Test]
    public void A_rebuild_without_changes_has_every_step_cached()
    {
        var stats = ParseFixture("gateway-no-change.txt");

        Assert.That(stats, Is.EqualTo(new BuildKitBuildStats(CachedSteps: 11, TotalSteps: 11, ContextTransferBytes: 77_350)));
    }

    [Test]
    public void The_context_is_the_load_build_context_transfer_not_the_dockerignore_one()
    {
        var stats = ParseFixture("scratch-5mb-context.txt");

        Assert.That(stats, Is.EqualTo(new BuildKitBuildStats(CachedSteps: 0, TotalSteps: 2, ContextTransferBytes: 5_000_000)));
    }

    [Test]
    public void Interleaved_steps_repeated_names_and_progressive_transfers_are_counted_once()
    {
        string[] lines =
        [
            "#7 [internal] load build context",
            "#7 transferring context: 1.20MB 0.5s",
            "#8 [build 2/4] WORKDIR /src",
            "#7 transferring context: 2.31MB 1.0s done",
            "#8 CACHED",
            "#9 [linux/arm64 build 3/4] RUN dotnet restore",
            "#9 1.2 Determining projects to restore...",
            "#8 [build 2/4] WORKDIR /src",
            "#9 [linux/arm64 build 3/4] RUN dotnet restore",
            "#9 ERROR: process did not complete successfully",
            "#10 [build 1/4] FROM docker.io/library/alpine",
            "#10 CACHED",
        ];

        Assert.That(BuildKitProgress.Parse(lines), Is.EqualTo(new BuildKitBuildStats(CachedSteps: 1, TotalSteps: 2, ContextTransferBytes: 2_310_000)));
    }

    [Test]
    public void Output_without_buildkit_vertices_reports_nothing()
    {
        Assert.That(BuildKitProgress.Parse(["Sending build context to Docker daemon  2.048kB", "Step 1/2 : FROM scratch"]), Is.EqualTo(BuildKitBuildStats.None));
    }

    [Test]
    public void Builds_of_several_platforms_add_up()
    {
        var amd64 = new BuildKitBuildStats(10, 11, 100);
        var arm64 = new BuildKitBuildStats(3, 11, null);

        Assert.That(amd64.Add(arm64), Is.EqualTo(new BuildKitBuildStats(13, 22, 100)));
    }

    [TestCase("2B", 2)]
    [TestCase("77.35kB", 77_350)]
    [TestCase("5.00MB", 5_000_000)]
    [TestCase("1.5GB", 1_500_000_000)]
    [TestCase("1KiB", 1024)]
    [TestCase("2 MiB", 2 * 1024 * 1024)]
    public void Sizes_are_read_in_docker_units(string text, long bytes) =>
        Assert.That(ByteSizeText.TryParse(text), Is.EqualTo(bytes));

    [TestCase("")]
    [TestCase("done")]
    [TestCase("12 apples")]
    public void Anything_else_is_no_size(string text) => Assert.That(ByteSizeText.TryParse(text), Is.Null);
}
