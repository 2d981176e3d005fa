using Delivery.Metrics;

namespace Delivery.Tests.Metrics;

/// <summary>The image report in the job summary and the log.</summary>
public sealed class ImageReportTests
{
    private static readonly ImageMetrics Built = new(["127.0.0.1:5000/gateway:main"], "sha256:2a5d", ["linux/amd64"],
        UncompressedBytes: 123_635_938, Layers: 5, ContextTransferBytes: 77_350, new CacheMetrics(11, 11))
    {
        CompressedBytes = 52_500_000,
        CompressedSizeSource = CompressedSizeSource.Registry,
        Digest = "sha256:0c3f87ed2af91cc953b72f292de960ce5b9bec814f7610b7210593a62640f3ef",
        Budget = new BudgetMetrics(200, "fail", Exceeded: false),
        Previous = ImageComparison.Found("127.0.0.1:5000/gateway:main", "sha256:4fffd970f79a9b28ad579337f43373b9dcf912efd663e439e6616179c0fcd790", 51_980_000),
    };

    [Test]
    public void Shows_tags_digest_sizes_change_layers_context_cache_and_budget()
    {
        var markdown = ImageReport.ToMarkdown(Built);

        Assert.That(markdown, Is.EqualTo("""
            ### Gateway image

            | | |
            |---|---|
            | Tags | `127.0.0.1:5000/gateway:main` |
            | Digest | `sha256:0c3f87ed2af91cc953b72f292de960ce5b9bec814f7610b7210593a62640f3ef` |
            | Platforms | linux/amd64 |
            | Compressed | 52.5 MB (registry manifest) |
            | Uncompressed | 123.6 MB (unpacked layers) |
            | Change | +520.0 kB (+1.0 %) against `127.0.0.1:5000/gateway:main` (`sha256:4fffd970f79a`, 52.0 MB) |
            | Layers | 5 |
            | Build context | 77.4 kB transferred to the builder |
            | Cache | 11/11 steps cached (100 %) |
            | Size budget | 123.6 of 200 MB uncompressed (action above it: fail) |


            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_measured_size_is_named_as_such_and_its_change_as_rough()
    {
        var lines = ImageReport.ToLines(Built with { CompressedSizeSource = CompressedSizeSource.Measured, Digest = null });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Does.Contain("Digest: not pushed"));
            Assert.That(lines, Does.Contain("Compressed: 52.5 MB (measured: docker save, each layer gzipped)"));
            Assert.That(lines.Single(line => line.StartsWith("Change:", StringComparison.Ordinal)), Does.EndWith("this image measured locally, so roughly"));
        }
    }

    [Test]
    public void Without_a_comparison_it_says_why()
    {
        var image = Built with { Previous = ImageComparison.NotAvailable("ghcr.io/acme/gateway:main", "not compared: a local build does not query ghcr.io (pass --compare-image-size to compare)") };

        Assert.That(ImageReport.ToLines(image), Does.Contain("Change: not compared: a local build does not query ghcr.io (pass --compare-image-size to compare)"));
    }

    [Test]
    public void An_image_over_budget_is_flagged()
    {
        var image = Built with { Budget = new BudgetMetrics(100, "warn", Exceeded: true) };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ImageReport.ToLines(image), Does.Contain("Size budget: OVER BUDGET: 123.6 of 100 MB uncompressed (action: warn)"));
            Assert.That(ImageReport.ToMarkdown(image), Does.Contain("| Size budget | **over budget**: 123.6 of 100 MB uncompressed (action: warn) |"));
        }
    }
}
