using BuildEngine;
using Delivery.Docker;
using Delivery.Images;
using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Provenance;
using Delivery.Registry;
using Delivery.Reproducibility;
using Serilog;
using Tooling;

/// <summary>
/// Multi-arch images (docs/docker.md#multi-arch-images): --platforms linux/amd64,linux/arm64 builds one image per
/// platform, pushes each platform manifest by digest and merges them into one index tagged with every computed tag
/// and annotated with the OCI labels. PushByDigest and Merge split that for a CI matrix (one runner per platform,
/// then one merge job); Push does both in one run.
/// </summary>
partial class Build
{
    [Parameter("Platforms to build, comma-separated, e.g. linux/amd64,linux/arm64: several make a multi-arch index on Push. Default: --platform, else the Docker engine's own.")]
    readonly string[]? Platforms;

    /// <summary>artifacts/digests/: one file per platform (linux-amd64, linux-arm64) holding the pushed manifest's digest.</summary>
    AbsolutePath DigestsDirectory => ArtifactsDirectory / "digests";

    /// <summary>--platforms (or --platform); empty means the engine's own.</summary>
    IReadOnlyList<TargetPlatform> RequestedPlatforms => PlatformSelection.Resolve(Platforms, Platform);

    Target PushByDigest => _ => _
        .Description("Pushes one platform's image by digest, for Merge to index.")
        .DependsOn(DockerBuild)
        .After(ImageTest, Scan)
        .Consumes(DockerBuild, ImageRecordFile)
        // Only when the publish job will merge the digests: pull requests, manual runs and other branches build and
        // test, and push nothing that no index would ever list. On a laptop it pushes when asked.
        .OnlyWhenStatic(() => IsPublishingRun)
        .Produces(DigestsDirectory / "*", BaseImagesDirectory / "*")
        .WritePermissions(GitHubPermission.Packages)
        .UsesTools("docker-buildx")
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var metadata = await ImageMetadata;
            await RequireTestedAndScannedAsync(record);
            var digests = await Pipeline.Upload.UploadAsync(KeptBuilds(record), PushRegistryClient(metadata.Name.Registry), metadata.Name);
            foreach (var (platform, digest) in digests)
            {
                var file = DigestFiles.Write(DigestsDirectory, platform, digest);
                // For Provenance on the publish job, which merges the digests without this leg's artifacts/image.json.
                if (record.BaseImages is { } bases)
                {
                    PlatformBaseImages.Write(BaseImagesDirectory, platform, bases);
                }

                Log.Information("Pushed {Platform} as {Repository}@{Digest}; recorded in {File}", platform.ToString(), metadata.Name.ToString(), digest,
                    Path.GetRelativePath(RootDirectory, file));
            }
        });

    Target Merge => _ => _
        .Description("Merges the pushed platform images into one tagged multi-arch index.")
        .After(PushByDigest)
        .Consumes(PushByDigest, DigestsDirectory / "*")
        .Produces(ImageRecordFile)
        .WritePermissions(GitHubPermission.Packages)
        .UsesTools("docker-buildx")
        .WritesPublishedImageOutputs()
        .Executes(async () =>
        {
            var metadata = await ImageMetadata;
            var digests = DigestFiles.Read(DigestsDirectory);
            Log.Information("Merging {Platforms} from {Directory}", digests.Keys.Select(platform => platform.ToString()), DigestsDirectory.RelativeTo(RootDirectory));
            var existing = File.Exists(ImageRecordFile) ? ImageRecord.Read(ImageRecordFile) : null;
            await MergeIndexAsync(metadata, digests, [.. digests.Keys], existing);
        });

    bool IsMultiPlatform(ImageRecord record) => RequestedPlatforms.Count > 1 || record.PlatformImages is { Count: > 1 };

    /// <summary>Push for several platforms: each kept platform image by digest (PushByDigest\'s work), then the index (Merge\'s work).</summary>
    async Task PushMultiPlatformAsync(ImageRecord record, ImageMetadata metadata)
    {
        var platforms = RequestedPlatforms.Count > 1
            ? RequestedPlatforms
            : [.. record.PlatformImages!.Keys.Select(TargetPlatform.Parse)];
        // A fresh folder: a digest left from an earlier run must not slip into this index.
        if (Directory.Exists(DigestsDirectory))
        {
            Directory.Delete(DigestsDirectory, recursive: true);
        }

        var digests = await Pipeline.Upload.UploadAsync(KeptBuilds(record), PushRegistryClient(metadata.Name.Registry), metadata.Name);
        foreach (var (platform, digest) in digests)
        {
            DigestFiles.Write(DigestsDirectory, platform, digest);
        }

        var missing = platforms.Where(platform => !digests.ContainsKey(platform)).ToList();
        if (missing.Count > 0)
        {
            throw new BuildFailedException($"{ImageRecordFile.RelativeTo(RootDirectory)} has no built image for {string.Join(", ", missing)}. Run ./build.sh DockerBuild --platforms {string.Join(',', platforms)}.");
        }

        await MergeIndexAsync(metadata, digests, platforms, ImageRecord.Read(ImageRecordFile));
    }

    /// <summary>Whether the run skips <paramref name="target"/> on purpose (<c>--skip</c>), so PushByDigest does not ask for its record.</summary>
    bool SkippedOnPurpose(string target) =>
        ExecutionPlan.Any(planned => planned.Name == target && planned.Status == TargetStatus.Skipped
                                     && planned.Note?.StartsWith("Skipped: via --skip", StringComparison.Ordinal) == true);

    /// <summary>
    /// PushByDigest's gate, before anything is pushed: every platform's local image is still the one DockerBuild kept,
    /// and ImageTest and Scan recorded that very image (ShippedImageGate); the kept archive is still that image.
    /// </summary>
    async Task RequireTestedAndScannedAsync(ImageRecord record)
    {
        var builds = KeptBuilds(record);
        var testSkipped = SkippedOnPurpose(nameof(ImageTest));
        var scanSkipped = SkippedOnPurpose(nameof(Scan));
        var problems = new List<string>();
        foreach (var (platform, build) in builds)
        {
            var current = await Docker.RunAsync(["image", "inspect", "--format", "{{.Id}}", build.Reference], new ToolOptions { LogOutput = false, ThrowOnFailure = false });
            problems.AddRange(ShippedImageGate.Problems(platform, build, current.Succeeded ? current.StandardOutput.Trim() : null, testSkipped, scanSkipped));
            var archive = RootDirectory / build.Archive;
            if (!File.Exists(archive) || OciArchive.Open(archive).SingleImage().ManifestDigest != build.Manifest)
            {
                problems.Add($"{build.Archive} is no longer the {platform} image DockerBuild built ({build.Manifest}): run ./build.sh DockerBuild ImageTest Scan PushByDigest.");
            }
        }

        if (problems.Count > 0)
        {
            throw new BuildFailedException($"PushByDigest pushed nothing:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }

        foreach (var skipped in new[] { (testSkipped, nameof(ImageTest)), (scanSkipped, nameof(Scan)) }.Where(pair => pair.Item1))
        {
            Log.Warning("{Target} skipped with --skip: pushing {Platforms} without its check.", skipped.Item2, builds.Keys);
        }
    }

    /// <summary>The platform images DockerBuild kept as OCI archives; fails, with the fix, when it kept none.</summary>
    IReadOnlyDictionary<string, PlatformBuild> KeptBuilds(ImageRecord record) =>
        record.Builds is { Count: > 0 } builds
            ? builds
            : throw new BuildFailedException($"{ImageRecordFile.RelativeTo(RootDirectory)} names no kept OCI archive of the image: this builder loads images without one " +
                $"(the docker driver on the classic image store, or no buildx), and the image that was tested can only be pushed as built. {DockerCli.ContainerdImageStoreHint} " +
                "Then run ./build.sh DockerBuild ImageTest Scan PushByDigest.");

    static readonly HttpClient PushHttp = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The registry as the archive upload talks to it: long requests (layers), retried with the default back-off.</summary>
    RegistryClient PushRegistryClient(string registry) =>
        new(PushHttp, registry, RegistryCredentialResolver.Resolve(registry, RegistryUsername, RegistryPassword, EnvironmentVariables), Log);

    /// <summary>Merge's work (ImagePipeline.MergeAsync: the previous image read, then the tagged index), and its report and step outputs.</summary>
    async Task MergeIndexAsync(ImageMetadata metadata, IReadOnlyDictionary<TargetPlatform, string> digests, IReadOnlyList<TargetPlatform> platforms, ImageRecord? record)
    {
        var merged = await Pipeline.MergeAsync(metadata.Name, metadata.Labels, TagReferences(metadata), digests, platforms,
            await RegistrySessionFor(metadata.Name.Registry), record);
        var published = merged.Published;
        await RecordPushedImageAsync(metadata, published, ReportedPlatform(platforms, merged.Record));
        WriteDigestOutputs(metadata, published.Digest);
        SummaryNote($"{ShortDigest(published.Digest)} ({string.Join(", ", platforms)})");
        Log.Information("Pushed the index {Index} ({Platforms}) as {References}; recorded in {File}",
            $"{metadata.Name}@{published.Digest}", merged.Record.Platforms!.Select(pair => $"{pair.Key} {pair.Value}"), published.References,
            ImageRecordFile.RelativeTo(RootDirectory));
    }

    /// <summary>DockerBuild for several platforms: one build per platform (the docker driver's limit), each loaded under its own tag.</summary>
    async Task BuildPlatformImagesAsync(string engine, ImageMetadata metadata, IReadOnlyList<TargetPlatform> platforms)
    {
        var native = TargetPlatform.Parse(await Docker.EnginePlatformAsync());
        // The engine's own platform also gets the ordinary tags (gateway:dev, the computed ones): ImageTest and compose run it.
        var local = platforms.Contains(native) ? native : platforms[0];
        Log.Information("Docker engine {Version} ({Native}); building {Images} for {Platforms}, one build per platform",
            engine, native.ToString(), metadata.Images[0], platforms.Select(platform => platform.ToString()));
        var platformImages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var kept = new SortedDictionary<string, PlatformBuild>(StringComparer.Ordinal);
        var builds = BuildKitBuildStats.None;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            var platformTag = PlatformTags.ForReference(metadata.Images[0], platform);
            IReadOnlyList<string> tags = platform == local ? [.. metadata.Images, AppImage.Gateway.LocalTag, platformTag] : [platformTag];
            var build = await Pipeline.Builder.BuildAsync(true, AppImage.Gateway, tags, metadata.Labels, platform: platform.ToString(),
                keepArchive: Pipeline.Builder.KeptArchive(AppImage.Gateway, platform));
            builds = builds.Add(BuildKitProgress.Parse(build.BuildKitOutput));
            // The engine's own platform under its ordinary name: the one ImageTest and Scan inspect.
            if (await Pipeline.Builder.KeptBuildOf(build, platform == local ? metadata.Images[0] : platformTag) is { } platformBuild)
            {
                kept[platform.ToString()] = platformBuild;
            }

            var built = await Docker.InspectAsync(platformTag);
            if (built.Os != platform.Os || built.Architecture != platform.Architecture)
            {
                throw new BuildFailedException($"The build for {platform} produced a {built.Platform} image ({platformTag}).");
            }

            platformImages[platform.ToString()] = platformTag;
            sizes[platformTag] = built.Size;
            Log.Information("Built {Platform}: {Tag} ({Id}, {Size:0.0} MB)", platform.ToString(), platformTag, built.Id, built.Size / 1_000_000.0);
        }

        // The report describes the engine's own platform image, the one ImageTest and compose run.
        var compressed = MeasureCompressedSizeUnlessPushedAsync(PlatformTags.ForReference(metadata.Images[0], local));
        await Pipeline.Builder.BuildAsync(true, AppImage.Echo, [AppImage.Echo.LocalTag], metadata.Labels, local.ToString());
        var image = await Docker.InspectAsync(AppImage.Gateway.LocalTag);
        new ImageRecord(metadata.Images, image.Id, image.Size, image.Platform, AppImage.Echo.LocalTag, PlatformImages: platformImages, BaseImages: await PinnedBaseImages,
                Builds: kept.Count > 0 ? kept : null)
            .Write(ImageRecordFile);
        Log.Information("Built {Image} for {Platforms}; recorded in {File}", metadata.Images[0], platformImages.Keys, ImageRecordFile.RelativeTo(RootDirectory));
        await RecordBuiltImageAsync(metadata, image, [.. platformImages.Keys], builds, compressed);
        foreach (var (platformTag, size) in sizes)
        {
            EnforceSizeBudget(platformTag, size);
        }
    }

    /// <summary>The platform whose size the report shows for a pushed index: the one DockerBuild measured, else the first.</summary>
    static TargetPlatform ReportedPlatform(IReadOnlyList<TargetPlatform> platforms, ImageRecord record) =>
        record.Platform is { Length: > 0 } built && !built.Contains(',', StringComparison.Ordinal) && platforms.Contains(TargetPlatform.Parse(built))
            ? TargetPlatform.Parse(built)
            : platforms[0];
}
