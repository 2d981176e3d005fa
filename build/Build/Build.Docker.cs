using BuildEngine;
using Delivery.Docker;
using Delivery.Images;
using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Pipeline;
using Serilog;
using Tooling;

/// <summary>
/// The container images: DockerBuild builds the gateway (and the echo upstream that docker-compose.yml and
/// the image tests put behind it) from Dockerfile.multistage. docs/docker.md explains the parameters.
/// </summary>
partial class Build
{
    const string DefaultSdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    const string DefaultRuntimeImage = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled";

    [Parameter("Platform to build for, e.g. linux/amd64: the one-platform form of --platforms. Default: the Docker engine's own.")]
    readonly string? Platform;

    [Parameter("Base image of the build stage (.NET SDK); point it at a registry mirror if needed.")]
    readonly string SdkImage = DefaultSdkImage;

    [Parameter("Base image of the runtime stage (ASP.NET Core, shell-less chiseled by default).")]
    readonly string RuntimeImage = DefaultRuntimeImage;

    [Parameter("Network for the RUN steps of the image build, e.g. host where the engine has no bridge network.")]
    readonly string? BuildNetwork;

    [Parameter("Builds the images without the layer cache.")]
    readonly bool NoCache;

    [Parameter("An extra CA bundle (PEM) to trust while the image build restores NuGet packages, e.g. a TLS-inspecting proxy's.")]
    readonly AbsolutePath? CaBundle;

    [Parameter("Size budget: largest acceptable size of the gateway image, uncompressed, in MB; checked right after DockerBuild builds it.")]
    readonly int ImageSizeBudgetMb = 200;

    [Parameter("What a gateway image over --image-size-budget-mb does: fail (DockerBuild fails) or warn (a warning, and the image report says so).")]
    readonly SizeBudgetAction ImageSizeBudgetAction = SizeBudgetAction.Fail;

    /// <summary>
    /// NUnit category of the tests that need a Docker engine and the built images (tests/Image.Tests and others): they
    /// must pass wherever Docker runs. Those that need more (the offline lab) are OfflineLab tests too.
    /// </summary>
    const string ImageTestCategory = "Image";

    AbsolutePath ImageRecordFile => ArtifactsDirectory / "image.json";

    DockerCli? docker;

    /// <summary>One per run: what it learns of the engine (its image store) holds for the whole run.</summary>
    DockerCli Docker => docker ??= new(DockerTool);

    ImagePipeline? pipeline;

    /// <summary>
    /// The gateway image from build to tags (Delivery.Pipeline): one per run. Its tags move only after the previous
    /// image of the branch was read (TagPublisher), which the image report compares with.
    /// </summary>
    ImagePipeline Pipeline => pipeline ??= new(Docker,
        new ImageBuildSettings(RootDirectory, TemporaryDirectory, BuildNetwork, NoCache, CaBundle is { } bundle ? (string)bundle : null, EnvironmentVariables,
            () => PinnedBaseImages),
        ImageRecordFile,
        new TagPublisher(async platform => await PreviousImageAsync(await ImageMetadata, platform)),
        Log);

    Target DockerBuild => _ => _
        .Description("Builds the gateway and echo images into the local engine.")
        // buildx-cache: GitHub's cache for the layers, where the build may use one (GitHubActionsBuildCache: never for tags).
        .UsesTools("docker-buildx", "buildx-cache")
        .Reads(nameof(Registry), nameof(ImageName), nameof(ImageLicenses), nameof(Platform), nameof(Platforms), nameof(SdkImage), nameof(RuntimeImage),
            nameof(BuildNetwork), nameof(NoCache), nameof(CaBundle), nameof(ImageSizeBudgetMb), nameof(ImageSizeBudgetAction), nameof(ImageTags), nameof(ImageFlavor))
        .After(Test) // unit tests fail faster than an image build
        .Produces(ImageRecordFile)
        // The image report compares with the branch's previous image, read from the registry with GITHUB_TOKEN on CI;
        // a private GHCR package answers that only with packages: read (the image job has write anyway, for PushByDigest).
        .ReadPermissions(GitHubPermission.Packages)
        .Executes(async () =>
        {
            var engine = await Docker.EnsureEngineAsync();
            var useBuildx = await Docker.HasBuildxAsync();
            if (!useBuildx)
            {
                Log.Warning("The docker buildx plugin is not installed: building with plain `docker build` (BuildKit). Install buildx for multi-platform builds.");
            }

            var metadata = await ImageMetadata;
            var platforms = RequestedPlatforms;
            if (platforms.Count > 1)
            {
                if (!useBuildx)
                {
                    throw new BuildFailedException($"--platforms {string.Join(',', platforms)} needs the docker buildx plugin (one build per platform). See docs/docker.md#multi-arch-images.");
                }

                await BuildPlatformImagesAsync(engine, metadata, platforms);
                return;
            }

            await BuildOnePlatformAsync(engine, useBuildx, metadata, platforms.Count == 1 ? platforms[0] : null);
        });

    /// <summary>DockerBuild for one platform (<paramref name="requested"/>, else the engine's own): the gateway, kept for the push, then the echo image.</summary>
    async Task BuildOnePlatformAsync(string engine, bool useBuildx, ImageMetadata metadata, TargetPlatform? requested)
    {
        var platform = requested ?? TargetPlatform.Parse(await Docker.EnginePlatformAsync());
        Log.Information("Docker engine {Version}; building {Images}", engine, metadata.Images);
        var gatewayBuild = await Pipeline.Builder.BuildAsync(useBuildx, AppImage.Gateway, [.. metadata.Images, AppImage.Gateway.LocalTag], metadata.Labels,
            platform: requested?.ToString(), keepArchive: Pipeline.Builder.KeptArchive(AppImage.Gateway, platform));
        // Measured while the echo image builds; by the branch's own reference, which no other checkout's build retags.
        var compressed = MeasureCompressedSizeUnlessPushedAsync(metadata.Images[0]);
        await Pipeline.Builder.BuildAsync(useBuildx, AppImage.Echo, [AppImage.Echo.LocalTag], metadata.Labels, requested?.ToString());

        var image = await Docker.InspectAsync(AppImage.Gateway.LocalTag);
        var builds = await Pipeline.Builder.KeptBuildOf(gatewayBuild, metadata.Images[0]) is { } kept
            ? new Dictionary<string, PlatformBuild> { [image.Platform] = kept }
            : null;
        var record = new ImageRecord(metadata.Images, image.Id, image.Size, image.Platform, AppImage.Echo.LocalTag, BaseImages: await PinnedBaseImages, Builds: builds);
        record.Write(ImageRecordFile);
        SummaryNote($"{ShortDigest(image.Id)} {image.Platform}");
        Log.Information("Built {Image} ({Id}, {Size:0.0} MB, {Platform}); recorded in {File}",
            metadata.Images[0], image.Id, image.Size / 1_000_000.0, image.Platform, ImageRecordFile.RelativeTo(RootDirectory));
        await RecordBuiltImageAsync(metadata, image, [image.Platform], BuildKitProgress.Parse(gatewayBuild.BuildKitOutput), compressed);
    }

    Task<BaseImages>? pinnedBaseImages;

    /// <summary>--sdk-image and --runtime-image pinned to the digests their registry gives now, once per run (BaseImages).</summary>
    Task<BaseImages> PinnedBaseImages => pinnedBaseImages ??= PinBaseImagesAsync();

    async Task<BaseImages> PinBaseImagesAsync() => new(await PinAsync(SdkImage), await PinAsync(RuntimeImage));

    async Task<string> PinAsync(string image)
    {
        var manifest = await Docker.RunAsync(["buildx", "imagetools", "inspect", "--format", "{{json .Manifest}}", image],
            new ToolOptions { LogOutput = false, ThrowOnFailure = false });
        if (!manifest.Succeeded)
        {
            Log.Warning("{Image} could not be read from its registry ({Error}): the build uses the tag as it is, and a rebuild may start from another base.",
                image, manifest.StandardErrorLines.LastOrDefault(line => line.Trim().Length > 0)?.Trim());
            return image;
        }

        var pinned = BaseImages.Pin(image, ImageIndexDocument.DescriptorDigest(manifest.StandardOutput));
        Log.Information("Base image {Image} pinned as {Pinned}", image, pinned);
        return pinned;
    }

    Target ImageTest => _ => _
        .Description("Tests the built images against the real Docker engine.")
        .DependsOn(Compile, DockerBuild)
        .After(Test)
        .Produces(TestResultsDirectory / "image" / "*.trx")
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var tested = await Docker.InspectAsync(record.Images[0]);
            await RunTestsAsync("image", Solution, TestFilter($"TestCategory={ImageTestCategory}"),
                new Dictionary<string, string?>
                {
                    ["GATEWAY_IMAGE"] = record.Images[0],
                    ["ECHO_IMAGE"] = record.EchoImage,
                });
            Pipeline.MarkChecked(tested, "tested", build => build with { Tested = tested.Id });
        });
}
