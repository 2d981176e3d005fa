using System.Text.Json;
using BuildEngine;
using Delivery.Docker;
using Delivery.Images;
using Delivery.Labels;
using Delivery.MultiArch;
using Delivery.Pipeline;
using Delivery.Reproducibility;
using Serilog;
using Tooling;

/// <summary>
/// Reproducible images (docs/security.md#verify-a-release-by-rebuilding-it). Every build stamps the commit time as
/// SOURCE_DATE_EPOCH and rewrites layer timestamps (Build.Docker.cs, LocalImageOutput); VerifyReproducible proves it
/// holds: the same commit, built twice from a clean export (never the working tree), the second time without cache,
/// gives the same manifest digest, or it names the files that differ. With --rebuild-of it rebuilds the commit of a
/// published image and compares with that image: the check a consumer runs on a release.
/// </summary>
partial class Build
{
    [Parameter("VerifyReproducible: a published image by digest (REGISTRY/NAME@sha256:…) to rebuild from the commit its revision label names, and compare with.")]
    readonly string? RebuildOf;

    AbsolutePath ReproducibilityFile => ArtifactsDirectory / "reproducibility.json";

    Target VerifyReproducible => _ => _
        .Description("Builds HEAD's image twice from a clean export and compares the digests.")
        .UsesTools("docker-buildx")
        .After(Scan)
        .Before(PushByDigest) // an image nobody can rebuild is not pushed
        .Produces(ReproducibilityFile)
        .Executes(async () =>
        {
            await Docker.EnsureEngineAsync();
            await RequireOciExporterAsync();
            if (File.Exists(ReproducibilityFile))
            {
                File.Delete(ReproducibilityFile); // a failed run leaves no verdict of an earlier one behind
            }

            var report = RebuildOf is { } published ? await RebuildPublishedAsync(published) : await BuildHeadTwiceAsync();
            report.Write(ReproducibilityFile);
            foreach (var platform in report.Platforms)
            {
                Log.Information("{Platform}: {First} {Verdict} {Second}", platform.Platform.ToString(), platform.FirstDigest,
                    platform.Identical ? "==" : "!=", platform.SecondDigest);
            }

            Log.Information("Recorded in {File}", ReproducibilityFile.RelativeTo(RootDirectory));
            if (!report.AllIdentical)
            {
                var differing = report.Platforms.Where(platform => !platform.Identical)
                    .Select(platform => $"{platform.Platform}:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", MostTelling(platform.Differences))}");
                throw new BuildFailedException($"The image of {report.Commit} is not reproducible. What differs:{Environment.NewLine}" +
                    $"{string.Join(Environment.NewLine, differing)}{Environment.NewLine}Every difference: {ReproducibilityFile.RelativeTo(RootDirectory)}; " +
                    "causes and fixes: docs/security.md#verify-a-release-by-rebuilding-it.");
            }
        });

    /// <summary>
    /// The differences worth reading first: contents, files only in one build and the config before modes and owners,
    /// times last (a changed file usually has a new time too); at most 20 lines, the report has them all.
    /// </summary>
    static IEnumerable<string> MostTelling(IReadOnlyList<string> differences)
    {
        const int Shown = 20;
        static int Rank(string line) => line.Contains(": mtime ", StringComparison.Ordinal) ? 2
            : line.Contains(": mode ", StringComparison.Ordinal) || line.Contains(": owner ", StringComparison.Ordinal) ? 1
            : 0;
        // OrderBy is stable: within a rank, the comparison's own order (config, manifest, layers, then files by path).
        var shown = differences.OrderBy(Rank).Take(Shown).ToList();
        return differences.Count > Shown ? [.. shown, $"… and {differences.Count - Shown} more"] : shown;
    }

    /// <summary>The OCI exporter (type=oci) needs BuildKit with its own store: the containerd image store or a docker-container builder.</summary>
    async Task RequireOciExporterAsync()
    {
        var builder = BuilderInfo.Parse(await Docker.InspectBuilderAsync());
        if (!builder.IsMultiPlatformDriver && !await Docker.UsesContainerdImageStoreAsync())
        {
            throw new BuildFailedException($"VerifyReproducible writes OCI archives, which the docker driver on the classic image store cannot. {DockerCli.ContainerdImageStoreHint}");
        }
    }

    /// <summary>HEAD, exported twice-built per platform: the first build may use the layer cache, the second uses none.</summary>
    async Task<ReproducibilityReport> BuildHeadTwiceAsync()
    {
        var commit = (await Tools.RunAsync("git", ["rev-parse", "HEAD"], new ToolOptions { LogOutput = false, WorkingDirectory = RootDirectory })).StandardOutput.Trim();
        var labels = (await ImageMetadata).Labels;
        var platforms = RequestedPlatforms.Count > 0 ? RequestedPlatforms : [TargetPlatform.Parse(await Docker.EnginePlatformAsync())];
        var bases = await PinnedBaseImages;
        return await WithExportedCommitAsync(commit, async (source, work) =>
        {
            var results = new List<ImageDifference>();
            foreach (var platform in platforms)
            {
                var first = await BuildOciArchiveAsync(source, labels, bases, platform, noCache: false, work / $"first-{platform.Slug}.tar");
                var second = await BuildOciArchiveAsync(source, labels, bases, platform, noCache: true, work / $"second-{platform.Slug}.tar");
                results.Add(ImageComparison.Compare(OciArchive.Open(first), OciArchive.Open(second), platform));
            }

            return new ReproducibilityReport(commit, results);
        });
    }

    /// <summary>The published image's commit, rebuilt with the image's own labels for each of its platforms, against the published manifests.</summary>
    async Task<ReproducibilityReport> RebuildPublishedAsync(string published)
    {
        if (!published.Contains("@sha256:", StringComparison.Ordinal))
        {
            throw new BuildFailedException($"--rebuild-of {published}: name the image by digest (REGISTRY/NAME@sha256:…); a tag can move.");
        }

        var raw = (await Docker.RunAsync(["buildx", "imagetools", "inspect", "--raw", published], new ToolOptions { LogOutput = false })).StandardOutput;
        var repository = published[..published.IndexOf('@', StringComparison.Ordinal)];
        IReadOnlyDictionary<TargetPlatform, string> manifests;
        JsonElement config; // the first platform's: the labels are the same on every platform
        if (ImageIndexDocument.IsIndex(raw))
        {
            manifests = ImageIndexDocument.Platforms(raw);
            config = await ImageConfigAsync($"{repository}@{manifests.First().Value}");
        }
        else
        {
            config = await ImageConfigAsync(published);
            var platform = new TargetPlatform(config.GetProperty("os").GetString()!, config.GetProperty("architecture").GetString()!);
            manifests = new Dictionary<TargetPlatform, string> { [platform] = published[(published.IndexOf('@', StringComparison.Ordinal) + 1)..] };
        }

        var labels = OciLabelsOf(config);
        if (!labels.TryGetValue(OciLabels.Prefix + "revision", out var commit) || commit.Length == 0)
        {
            throw new BuildFailedException($"{published} has no {OciLabels.Prefix}revision label: nothing says which commit built it.");
        }

        var known = await Tools.RunAsync("git", ["cat-file", "-e", $"{commit}^{{commit}}"],
            new ToolOptions { LogOutput = false, ThrowOnFailure = false, WorkingDirectory = RootDirectory });
        if (!known.Succeeded)
        {
            throw new BuildFailedException($"{published} was built from commit {commit}, which this repository does not have. Fetch it: git fetch origin {commit}");
        }

        // The runtime base the image names in its labels (pinned by digest when it was built); the SDK is today's --sdk-image.
        var bases = await PinnedBaseImages;
        if (labels.TryGetValue(OciLabels.Prefix + "base.name", out var baseName) && baseName.Length > 0)
        {
            bases = bases with
            {
                Runtime = labels.TryGetValue(OciLabels.Prefix + "base.digest", out var baseDigest) && baseDigest.Length > 0 ? BaseImages.Pin(baseName, baseDigest) : baseName,
            };
        }

        Log.Information("Rebuilding {Image} from commit {Commit} on {Runtime} for {Platforms}", published, commit, bases.Runtime,
            manifests.Keys.Select(platform => platform.ToString()));
        return await WithExportedCommitAsync(commit, async (source, work) =>
        {
            var results = new List<ImageDifference>();
            foreach (var (platform, digest) in manifests.OrderBy(pair => pair.Key))
            {
                var rebuilt = OciArchive.Open(await BuildOciArchiveAsync(source, labels, bases, platform, noCache: false, work / $"rebuilt-{platform.Slug}.tar"));
                var rebuiltDigest = rebuilt.ManifestDigest(platform);
                results.Add(rebuiltDigest == digest
                    ? new ImageDifference(platform, digest, rebuiltDigest, [])
                    : ImageComparison.Compare(await SavePublishedAsync($"{repository}@{digest}", platform, work / $"published-{platform.Slug}.tar"), rebuilt, platform));
            }

            return new ReproducibilityReport(commit, results);
        });
    }

    /// <summary>An image config's org.opencontainers.image.* labels, which become the rebuild's build arguments as they did for the original.</summary>
    static IReadOnlyDictionary<string, string> OciLabelsOf(JsonElement config)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.TryGetProperty("config", out var settings) && settings.TryGetProperty("Labels", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in values.EnumerateObject().Where(label => label.Name.StartsWith(OciLabels.Prefix, StringComparison.Ordinal)))
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }
        }

        return labels;
    }

    async Task<JsonElement> ImageConfigAsync(string image)
    {
        var json = (await Docker.RunAsync(["buildx", "imagetools", "inspect", "--format", "{{json .Image}}", image], new ToolOptions { LogOutput = false })).StandardOutput;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The published platform image as an OCI archive, to name what differs from the rebuild.</summary>
    async Task<OciArchive> SavePublishedAsync(string image, TargetPlatform platform, AbsolutePath archive)
    {
        await Docker.RunAsync(["pull", "--quiet", "--platform", platform.ToString(), image]);
        await Docker.SaveAsync(image, archive);
        return OciArchive.Open(archive);
    }

    /// <summary>One build of the gateway from <paramref name="source"/> into an OCI archive, timestamps rewritten to the commit time.</summary>
    async Task<AbsolutePath> BuildOciArchiveAsync(AbsolutePath source, IReadOnlyDictionary<string, string> labels, BaseImages bases,
        TargetPlatform platform, bool noCache, AbsolutePath archive)
    {
        var request = Pipeline.Builder.Request(true, AppImage.Gateway, [], labels, platform.ToString(), bases) with
        {
            Dockerfile = source / "Dockerfile.multistage",
            Context = source,
            NoCache = noCache,
            Cache = null, // this machine's layer cache only: the second build must not borrow from anywhere
            Output = $"type=oci,dest={archive},rewrite-timestamp=true",
        };
        Log.Information("Building {Platform} from the exported commit{Cache}", platform.ToString(), noCache ? " without cache" : "");
        await Docker.RunAsync(DockerBuildArguments.For(request), ImageBuilder.BuildKitOptions with { LogOutput = false });
        return archive;
    }

    /// <summary><c>git archive</c> of <paramref name="commit"/> into a fresh folder (the working tree is never used), deleted afterwards.</summary>
    async Task<T> WithExportedCommitAsync<T>(string commit, Func<AbsolutePath, AbsolutePath, Task<T>> action)
    {
        var work = TemporaryDirectory / $"reproducible-{Guid.NewGuid():N}";
        var source = work / "source";
        Directory.CreateDirectory(source);
        try
        {
            await ExportCommitAsync(commit, source);
            return await action(source, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The committed tree of <paramref name="commit"/> (not the working tree) extracted into <paramref name="directory"/>.</summary>
    async Task ExportCommitAsync(string commit, AbsolutePath directory)
    {
        var archive = directory.Parent / $"{directory.Name}.tar";
        await Tools.RunAsync("git", ["archive", "--format=tar", "--output", archive, commit], new ToolOptions { WorkingDirectory = RootDirectory });
        await Tools.RunAsync("tar", ["--extract", "--file", archive, "--directory", directory]);
        File.Delete(archive);
    }
}
