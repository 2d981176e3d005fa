using System.Text.Json;
using Delivery.Metrics;

namespace Delivery.Tests.Metrics;

/// <summary>artifacts/build-metrics.json: the fields docs/operations.md promises, named and typed as documented.</summary>
public sealed class BuildMetricsDocumentTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 28, 3, 24, 47, TimeSpan.Zero);

    private static readonly RunMetrics Run = new(Started, Started.AddSeconds(31.5), Succeeded: false, "1912808f", "refs/heads/main", "terminal");

    private static readonly TargetMetrics[] Targets =
    [
        new("DockerBuild", "Succeeded", 31_004, null),
        new("ImageTest", "Failed", 2_500, "Tests failed"),
        new("Push", "NotRun", 0, "an earlier target failed"),
    ];

    [Test]
    public void A_run_without_an_image_has_the_run_and_its_targets()
    {
        using var json = JsonDocument.Parse(new BuildMetricsDocument(Run, Targets, null).ToJson());
        var root = json.RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(root.TryGetProperty("image", out _), Is.False, "no image when the run built none");
            var run = root.GetProperty("run");
            Assert.That(run.GetProperty("startedAt").GetDateTimeOffset(), Is.EqualTo(Started));
            Assert.That(run.GetProperty("durationMs").GetInt64(), Is.EqualTo(31_500));
            Assert.That(run.GetProperty("succeeded").GetBoolean(), Is.False);
            Assert.That(run.GetProperty("commit").GetString(), Is.EqualTo("1912808f"));
            Assert.That(run.GetProperty("ref").GetString(), Is.EqualTo("refs/heads/main"));
            Assert.That(run.GetProperty("host").GetString(), Is.EqualTo("terminal"));
            var targets = root.GetProperty("targets");
            Assert.That(targets.EnumerateArray().Select(target => target.GetProperty("name").GetString()), Is.EqualTo(new[] { "DockerBuild", "ImageTest", "Push" }));
            Assert.That(targets[1].GetProperty("status").GetString(), Is.EqualTo("Failed"));
            Assert.That(targets[1].GetProperty("durationMs").GetInt64(), Is.EqualTo(2_500));
            Assert.That(targets[1].GetProperty("note").GetString(), Is.EqualTo("Tests failed"));
            Assert.That(targets[0].TryGetProperty("note", out _), Is.False, "absent values are left out, not null");
        }
    }

    [Test]
    public void A_built_image_has_its_sizes_layers_context_cache_budget_and_comparison()
    {
        var image = new ImageMetrics(["127.0.0.1:5000/gateway:main", "127.0.0.1:5000/gateway:sha-1912808"], "sha256:2a5d", ["linux/amd64"],
            UncompressedBytes: 123_635_938, Layers: 5, ContextTransferBytes: 104_280, new CacheMetrics(2, 11))
        {
            CompressedBytes = 52_500_000,
            CompressedSizeSource = CompressedSizeSource.Measured,
            Budget = new BudgetMetrics(200, "fail", Exceeded: false),
            Previous = ImageComparison.Found("127.0.0.1:5000/gateway:main", "sha256:9f00", 52_000_000),
        };

        using var json = JsonDocument.Parse(new BuildMetricsDocument(Run, Targets, image).ToJson());
        var written = json.RootElement.GetProperty("image");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(written.GetProperty("references").GetArrayLength(), Is.EqualTo(2));
            Assert.That(written.GetProperty("imageId").GetString(), Is.EqualTo("sha256:2a5d"));
            Assert.That(written.TryGetProperty("digest", out _), Is.False, "not pushed");
            Assert.That(written.GetProperty("platforms")[0].GetString(), Is.EqualTo("linux/amd64"));
            Assert.That(written.GetProperty("uncompressedBytes").GetInt64(), Is.EqualTo(123_635_938));
            Assert.That(written.GetProperty("compressedBytes").GetInt64(), Is.EqualTo(52_500_000));
            Assert.That(written.GetProperty("compressedSizeSource").GetString(), Is.EqualTo("measured"));
            Assert.That(written.GetProperty("layers").GetInt32(), Is.EqualTo(5));
            Assert.That(written.GetProperty("contextTransferBytes").GetInt64(), Is.EqualTo(104_280));
            Assert.That(written.GetProperty("cache").GetProperty("cachedSteps").GetInt32(), Is.EqualTo(2));
            Assert.That(written.GetProperty("cache").GetProperty("totalSteps").GetInt32(), Is.EqualTo(11));
            Assert.That(written.GetProperty("cache").GetProperty("hitRatio").GetDouble(), Is.EqualTo(0.182));
            Assert.That(written.GetProperty("budget").GetProperty("limitMb").GetInt32(), Is.EqualTo(200));
            Assert.That(written.GetProperty("budget").GetProperty("exceeded").GetBoolean(), Is.False);
            Assert.That(written.GetProperty("previous").GetProperty("digest").GetString(), Is.EqualTo("sha256:9f00"));
            Assert.That(written.GetProperty("compressedSizeChange").GetProperty("deltaBytes").GetInt64(), Is.EqualTo(500_000));
            Assert.That(written.GetProperty("compressedSizeChange").GetProperty("deltaPercent").GetDouble(), Is.EqualTo(0.96).Within(0.01));
        }
    }
}
