using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;
using CliWrap;
using Delivery.Docker;
using Delivery.MultiArch;
using Delivery.Registry;
using Delivery.Resilience;
using Image.Tests.Infrastructure;
using Tooling;
using EngineCli = Image.Tests.Infrastructure.DockerCli;

namespace Image.Tests;

/// <summary>
/// What DockerBuild measures for the build metrics (Delivery.Docker: layer count, uncompressed size, the compressed size
/// of an unpushed image), on a tiny image the real engine builds here, against what <c>docker image inspect</c> and
/// <c>docker save</c> (gzipped by the system's gzip) say.
/// </summary>
[TestFixture]
[Category("Image")]
public sealed class ImageMeasurementTests
{
    private const int RandomBytes = 1_000_000;
    private const int TextBytes = 2_000_000;

    private readonly string image = $"image-measurement-test:{Guid.NewGuid():N}";
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"image-measurement-{Guid.NewGuid():N}");
    private readonly Delivery.Docker.DockerCli docker = new(new ToolRunner(Serilog.Log.Logger, () => CancellationToken.None).Get("docker", Delivery.Docker.DockerCli.InstallHint));

    /// <summary>FROM scratch and two COPY steps: two layers, one incompressible (random), one very compressible (text).</summary>
    [OneTimeSetUp]
    public async Task BuildTinyImage()
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "random.bin"), RandomNumberGenerator(RandomBytes));
        await File.WriteAllTextAsync(Path.Combine(directory, "text.txt"), string.Concat(Enumerable.Repeat("gateway metrics\n", TextBytes / 16)));
        await File.WriteAllTextAsync(Path.Combine(directory, "Dockerfile"), "FROM scratch\nCOPY random.bin /data/random.bin\nCOPY text.txt /data/text.txt\n");
        await EngineCli.RunCheckedAsync(["build", "--progress", "plain", "--tag", image, directory],
            new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" });
    }

    [OneTimeTearDown]
    public async Task RemoveTinyImage()
    {
        await EngineCli.RunAsync(["image", "rm", "--force", image]);
        Directory.Delete(directory, recursive: true);
    }

    [Test]
    public async Task Layer_count_and_unpacked_size_are_what_the_engine_reports()
    {
        var measured = await docker.InspectAsync(image);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(measured.LayerCount, Is.EqualTo(int.Parse(await EngineCli.InspectAsync(image, "{{len .RootFS.Layers}}"), CultureInfo.InvariantCulture)));
            Assert.That(measured.LayerCount, Is.EqualTo(2));
            Assert.That(measured.Size, Is.EqualTo(await EngineUnpackedSizeAsync()));
            // The classic store counts the files' bytes; the containerd store each snapshot's disk blocks (4 KiB here).
            Assert.That(measured.Size, Is.InRange(RandomBytes + TextBytes, RandomBytes + TextBytes + 64 * 1024));
        }
    }

    /// <summary>The classic store's <c>.Size</c>; on the containerd store (where <c>.Size</c> is the compressed content) the layers' sizes in <c>docker history</c>.</summary>
    private async Task<long> EngineUnpackedSizeAsync()
    {
        var driverStatus = await EngineCli.RunCheckedAsync(["info", "--format", "{{json .DriverStatus}}"]);
        if (!driverStatus.Contains("io.containerd.snapshotter", StringComparison.Ordinal))
        {
            return long.Parse(await EngineCli.InspectAsync(image, "{{.Size}}"), CultureInfo.InvariantCulture);
        }

        var history = await EngineCli.RunCheckedAsync(["image", "history", "--human=false", "--format", "{{.Size}}", image]);
        return history.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Sum(line => long.Parse(line, CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Measured_compressed_size_is_each_saved_layer_gzipped()
    {
        var compressed = await CompressedImageSize.MeasureAsync(docker, image, directory, Serilog.Core.Logger.None);

        var expected = await SystemGzipSizeOfSavedLayersAsync();
        using (Assert.EnterMultipleScope())
        {
            // zlib (gzip -6) and .NET's zlib-ng at the same level differ by a few bytes per layer, not more.
            Assert.That(compressed, Is.EqualTo(expected).Within(1).Percent, $"measured {compressed} bytes, gzip -6 says {expected}");
            Assert.That(compressed, Is.GreaterThan(RandomBytes).And.LessThan(RandomBytes + TextBytes / 10), "random data does not shrink, the text does");
            Assert.That(Directory.GetFiles(directory, "*.tar"), Is.Empty, "the docker save archive is deleted");
        }
    }

    [Test]
    [Category("OfflineLab")] // pushes to a docker-registry of its own
    public async Task A_pushed_image_s_compressed_size_is_its_registry_manifest_s_layers()
    {
        await using var registry = await ThrowAwayRegistry.StartAsync();
        var reference = $"{registry.Address}/measurement:pushed";
        await EngineCli.RunCheckedAsync(["tag", image, reference]);
        try
        {
            var push = await EngineCli.RunCheckedAsync(["push", reference]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var client = new RegistryClient(http, registry.Address, credentials: null, log: Serilog.Core.Logger.None) { Backoff = Backoff.SingleAttempt };

            var pushed = await ManifestSummary.ReadAsync(client, "measurement", "pushed", TargetPlatform.Parse("linux/amd64"));
            Assert.That(pushed, Is.Not.Null, "the pushed tag");
            var missing = await ManifestSummary.ReadAsync(client, "measurement", "never-pushed", TargetPlatform.Parse("linux/amd64"));
            var byDigest = await ManifestSummary.ReadAsync(client, "measurement", pushed!.Digest, TargetPlatform.Parse("linux/amd64"));

            var measured = await CompressedImageSize.MeasureAsync(docker, image, directory, Serilog.Core.Logger.None);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(pushed.Digest, Is.EqualTo(DockerPushOutput.TryReadDigest(push.Split('\n'))), "the digest docker push printed");
                Assert.That(pushed.Layers, Is.EqualTo(2));
                Assert.That(pushed.CompressedBytes, Is.EqualTo(measured).Within(1).Percent, "docker push gzips the layers as the measurement does");
                Assert.That(missing, Is.Null, "a tag the registry does not have");
                Assert.That(byDigest, Is.EqualTo(pushed), "read by digest, as Push reads what it pushed");
            }
        }
        finally
        {
            await EngineCli.RunAsync(["image", "rm", reference]);
        }
    }

    /// <summary>docker save, then every layer manifest.json lists piped through the system's <c>gzip -6</c>, sizes added up.</summary>
    private async Task<long> SystemGzipSizeOfSavedLayersAsync()
    {
        var archive = Path.Combine(directory, "expected.tar");
        await EngineCli.RunCheckedAsync(["save", "--output", archive, image]);
        try
        {
            var layers = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            List<string> order = [];
            await using (var reader = new TarReader(File.OpenRead(archive)))
            {
                while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
                {
                    if (entry.DataStream is not { } data)
                    {
                        continue; // a directory
                    }

                    using var buffer = new MemoryStream();
                    await data.CopyToAsync(buffer);
                    if (entry.Name == "manifest.json")
                    {
                        using var manifest = JsonDocument.Parse(buffer.ToArray());
                        order = [.. manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(layer => layer.GetString()!)];
                    }
                    else
                    {
                        layers[entry.Name] = buffer.ToArray();
                    }
                }
            }

            Assert.That(order, Has.Count.EqualTo(2), "docker save lists both layers");
            long total = 0;
            foreach (var name in order)
            {
                var counter = new ByteCountingStream();
                var gzip = await Cli.Wrap("gzip").WithArguments(["-6", "--no-name", "--stdout"])
                    .WithStandardInputPipe(PipeSource.FromBytes(layers[name]))
                    .WithStandardOutputPipe(PipeTarget.ToStream(counter))
                    .ExecuteAsync();
                Assert.That(gzip.ExitCode, Is.Zero);
                total += counter.BytesWritten;
            }

            return total;
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private static byte[] RandomNumberGenerator(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
}
