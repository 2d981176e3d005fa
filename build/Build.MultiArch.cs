using BuildEngine;
using Delivery.Docker;
using Delivery.GitHub;
using Delivery.Images;
using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Provenance;
using Delivery.Registry;
using Delivery.Tags;
using Serilog;

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
        .Description("Multi-arch, one platform per run (a CI matrix leg): pushes the built platform image by digest and writes artifacts/digests/<os>-<arch>; Merge then makes the tagged index.")
        .DependsOn(DockerBuild)
        .After(ImageTest, Scan)
        .Consumes(DockerBuild, "artifacts/image.json")
        // Only when the publish job will merge the digests: pull requests, manual runs and other branches build and
        // test, and push nothing that no index would ever list. On a laptop it pushes when asked.
        .OnlyWhenStatic(() => IsPublishingRun)
        .Produces("artifacts/digests/*", "artifacts/base-images/*")
        .WritePermissions(GitHubPermission.Packages)
        .UsesTools("docker-buildx")
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var metadata = await ImageMetadata;
            var digests = await PushPlatformsByDigestAsync(record, metadata);
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
        .Description("Multi-arch: merges the platform manifests in artifacts/digests/ into one index under every computed tag (immutable first, latest last) with the OCI annotations; records index and platform digests in artifacts/image.json.")
        .After(PushByDigest)
        .Consumes(PushByDigest, "artifacts/digests/*")
        .Produces("artifacts/image.json")
        .WritePermissions(GitHubPermission.Packages)
        .UsesTools("docker-buildx")
        .Executes(async () =>
        {
            var metadata = await ImageMetadata;
            var digests = DigestFiles.Read(DigestsDirectory);
            Log.Information("Merging {Platforms} from {Directory}", digests.Keys.Select(platform => platform.ToString()), DigestsDirectory.RelativeTo(RootDirectory));
            var existing = File.Exists(ImageRecordFile) ? ImageRecord.Read(ImageRecordFile) : null;
            // Before the index moves the branch tag: the image report compares with what it pointed at.
            await PreviousImageAsync(metadata, digests.Keys.First());
            await MergeIndexAsync(metadata, [.. digests.Values.Select(digest => $"{metadata.Name}@{digest}")], [.. digests.Keys], existing);
        });

    bool IsMultiPlatform(ImageRecord record) => RequestedPlatforms.Count > 1 || record.PlatformImages is { Count: > 1 };

    /// <summary>
    /// Push for several platforms: with a multi-platform builder, one build pushed by digest; with the docker
    /// driver, each loaded platform image pushed (PushByDigest's work), then the index (Merge's work).
    /// </summary>
    async Task PushMultiPlatformAsync(ImageRecord record, ImageMetadata metadata)
    {
        var builder = BuilderInfo.Parse(await Docker.InspectBuilderAsync());
        var platforms = RequestedPlatforms.Count > 1
            ? RequestedPlatforms
            : [.. record.PlatformImages!.Keys.Select(TargetPlatform.Parse)];
        if (builder.CanBuildInOne(platforms))
        {
            Log.Information("Builder driver {Driver} builds {Platforms} in one build, pushed by digest", builder.Driver, platforms.Select(platform => platform.ToString()));
            var indexDigest = await BuildAndPushByDigestAsync(metadata, platforms);
            await MergeIndexAsync(metadata, [$"{metadata.Name}@{indexDigest}"], platforms, record);
            return;
        }

        // A fresh folder: a digest left from an earlier run must not slip into this index.
        if (Directory.Exists(DigestsDirectory))
        {
            Directory.Delete(DigestsDirectory, recursive: true);
        }

        var digests = await PushPlatformsByDigestAsync(record, metadata);
        foreach (var (platform, digest) in digests)
        {
            DigestFiles.Write(DigestsDirectory, platform, digest);
        }

        var missing = platforms.Where(platform => !digests.ContainsKey(platform)).ToList();
        if (missing.Count > 0)
        {
            throw new BuildFailedException($"artifacts/image.json has no built image for {string.Join(", ", missing)}. Run ./build.sh DockerBuild --platforms {string.Join(',', platforms)}.");
        }

        await MergeIndexAsync(metadata, [.. digests.Values.Select(digest => $"{metadata.Name}@{digest}")], platforms, record);
    }

    /// <summary>
    /// Each built platform image pushed by digest. The docker driver cannot push without a tag: the local image goes
    /// up under its per-platform tag (&lt;main tag&gt;-linux-arm64) and docker push's digest is kept; other drivers
    /// build again (from the cache) and push by digest only.
    /// </summary>
    async Task<IReadOnlyDictionary<TargetPlatform, string>> PushPlatformsByDigestAsync(ImageRecord record, ImageMetadata metadata)
    {
        var images = record.PlatformImages is { Count: > 0 } platformImages
            ? platformImages.ToDictionary(pair => TargetPlatform.Parse(pair.Key), pair => pair.Value)
            : new Dictionary<TargetPlatform, string> { [TargetPlatform.Parse(record.Platform)] = record.ImageId };
        var builder = await Docker.HasBuildxAsync() ? BuilderInfo.Parse(await Docker.InspectBuilderAsync()) : new BuilderInfo(BuilderInfo.DockerDriver, []);
        var session = await RegistrySessionFor(metadata.Name.Registry);
        if (!builder.IsMultiPlatformDriver && !await Docker.UsesContainerdImageStoreAsync())
        {
            Log.Warning("This engine keeps images in the classic store, which pushes Docker manifests: the index will be a Docker manifest " +
                "list, which cannot carry the OCI annotations (description, source, licences, version). {Hint}", DockerCli.ContainerdImageStoreHint);
        }

        var digests = new SortedDictionary<TargetPlatform, string>();
        foreach (var (platform, image) in images.OrderBy(pair => pair.Key))
        {
            if (builder.IsMultiPlatformDriver)
            {
                digests[platform] = await BuildAndPushByDigestAsync(metadata, [platform]);
                continue;
            }

            var reference = metadata.Name.WithTag(PlatformTags.For(metadata.Tags[0], platform));
            Log.Information("Pushing {Platform} ({Image}) as {Reference} (the docker driver cannot push by digest alone)", platform.ToString(), image, reference);
            var result = await new ImagePusher(Docker.RunAsync, Backoff.Default).PushAsync(image, [reference], session);
            if (!result.Succeeded)
            {
                throw new BuildFailedException($"Pushing the {platform} image failed: {result.Error} No index was created; the tags were not moved.");
            }

            digests[platform] = result.Digest!;
        }

        return digests;
    }

    /// <summary>buildx build --output type=image,push-by-digest=true for a builder that supports it; returns the manifest (or index) digest.</summary>
    async Task<string> BuildAndPushByDigestAsync(ImageMetadata metadata, IReadOnlyList<TargetPlatform> platforms)
    {
        var session = await RegistrySessionFor(metadata.Name.Registry);
        Directory.CreateDirectory(TemporaryDirectory);
        var metadataFile = TemporaryDirectory / $"build-metadata-{Guid.NewGuid():N}.json";
        var request = ImageIndexArguments.PushByDigest(
            ImageBuildRequest(true, "apps/backend", "Gateway", [], metadata.Labels, null, null, await PinnedBaseImages), metadata.Name.ToString(), platforms, metadataFile);
        var environment = new Dictionary<string, string?>(session.Environment) { ["DOCKER_BUILDKIT"] = "1" };
        await Docker.RunAsync(DockerBuildArguments.For(request), new ToolOptions { Environment = environment, PassEnvironment = request.Cache?.PassEnvironment });
        try
        {
            return ImageIndexDocument.MetadataDigest(await File.ReadAllTextAsync(metadataFile));
        }
        finally
        {
            File.Delete(metadataFile);
        }
    }

    /// <summary>
    /// Merge's work: one index over <paramref name="sources"/> under every computed tag, in push order, with the OCI
    /// annotations; checks that it lists every platform and records index and platform digests in artifacts/image.json.
    /// </summary>
    async Task MergeIndexAsync(ImageMetadata metadata, IReadOnlyList<string> sources, IReadOnlyList<TargetPlatform> platforms, ImageRecord? record)
    {
        var references = PushOrder.Order(metadata.TagSet.Tags).Select(tag => metadata.Name.WithTag(tag.Value)).ToList();
        var session = await RegistrySessionFor(metadata.Name.Registry);
        var result = await new IndexCreator(Docker.RunAsync, Backoff.Default).CreateAsync(references, metadata.Labels, sources, session);
        if (!result.Succeeded)
        {
            var latestHeld = result.NotPushed.Any(reference => reference.EndsWith(":" + TagEvaluator.Latest, StringComparison.Ordinal))
                ? " latest was not moved."
                : "";
            throw new BuildFailedException($"Creating the multi-arch index failed: {result.Error} {result.Describe()}{latestHeld}");
        }

        var index = $"{metadata.Name}@{result.Digest}";
        var raw = await Docker.RunAsync(ImageIndexArguments.InspectRaw(index), new ToolOptions { Environment = session.Environment, LogOutput = false });
        var listed = ImageIndexDocument.Platforms(raw.StandardOutput);
        var missing = platforms.Where(platform => !listed.ContainsKey(platform)).ToList();
        if (missing.Count > 0)
        {
            throw new BuildFailedException($"The index {index} does not list {string.Join(", ", missing)} (it lists {string.Join(", ", listed.Keys)}).");
        }

        var platformDigests = listed.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value, StringComparer.Ordinal);
        var recorded = record ?? new ImageRecord([], "", 0, string.Join(',', listed.Keys));
        var updated = recorded with { Images = result.Pushed, Digest = result.Digest, Platforms = platformDigests };
        updated.Write(ImageRecordFile);
        await RecordPushedImageAsync(metadata, result.Pushed, result.Digest!, ReportedPlatform(platforms, recorded));
        if (StepOutput.TryWrite(CurrentEnvironment, "digest", result.Digest!))
        {
            StepOutput.TryWrite(CurrentEnvironment, "image", metadata.Name.ToString());
        }

        Log.Information("Pushed the index {Index} ({Platforms}) as {References}; recorded in {File}",
            index, platformDigests.Select(pair => $"{pair.Key} {pair.Value}"), result.Pushed, ImageRecordFile.RelativeTo(RootDirectory));
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
        var builds = BuildKitBuildStats.None;
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            var platformTag = PlatformTags.ForReference(metadata.Images[0], platform);
            IReadOnlyList<string> tags = platform == local ? [.. metadata.Images, LocalGatewayImage, platformTag] : [platformTag];
            var build = await BuildImageAsync(true, "apps/backend", "Gateway", tags, metadata.Labels, platform: platform.ToString());
            builds = builds.Add(BuildKitProgress.Parse(BuildKitOutput(build)));
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
        await BuildImageAsync(true, "apps/echo", "Echo", [LocalEchoImage], metadata.Labels, EchoDescription, local.ToString());
        var image = await Docker.InspectAsync(LocalGatewayImage);
        new ImageRecord(metadata.Images, image.Id, image.Size, image.Platform, LocalEchoImage, PlatformImages: platformImages, BaseImages: await PinnedBaseImages)
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
