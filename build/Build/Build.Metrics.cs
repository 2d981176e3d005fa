using System.Diagnostics;
using BuildEngine;
using Delivery;
using Delivery.Docker;
using Delivery.Images;
using Delivery.Metrics;
using Delivery.MultiArch;
using Delivery.Pipeline;
using Delivery.Registry;
using Serilog;
using Tooling;

/// <summary>
/// Build metrics (docs/operations.md#build-metrics): every run writes artifacts/build-metrics.json (targets, and the
/// gateway image when the run built or pushed one) and, with an image, adds the image report to the job summary.
/// DockerBuild records what it measured, Push and Merge what they pushed; RecordBuildMetrics writes it all at the end.
/// </summary>
partial class Build
{
    [Parameter("Compare the image's compressed size with the previous image of the branch in the registry also on a local build against a remote registry (CI and loopback registries always compare).")]
    readonly bool CompareImageSize;

    /// <summary>Close enough to the run's start: the engine creates the build object first thing.</summary>
    readonly DateTimeOffset runStartedAt = DateTimeOffset.UtcNow;

    /// <summary>The gateway image as DockerBuild measured it, updated by Push/Merge; null until the run builds or pushes one.</summary>
    ImageMetrics? imageMetrics;

    Task<ImageComparison>? previousImage;

    static readonly HttpClient RegistryHttp = new() { Timeout = PreviousImageLookup.Timeout };

    AbsolutePath BuildMetricsFile => ArtifactsDirectory / "build-metrics.json";

    SizeBudget ImageSizeBudget => SizeBudget.Create(ImageSizeBudgetMb, ImageSizeBudgetAction);

    /// <summary>
    /// Whether a push later in this run will report the compressed size, so DockerBuild need not measure it (a
    /// PushByDigest outside a publishing run is skipped before anything runs, so it is no longer pending).
    /// </summary>
    bool RunWillPush =>
        ExecutionPlan.Any(target => target.Name is nameof(Push) or nameof(PushByDigest) && target.Status == TargetStatus.Pending);

    /// <summary>
    /// The compressed size of an image that will not be pushed in this run (docker save, layers gzipped), started
    /// while DockerBuild goes on with the echo image; null when a push will report the registry's figure instead.
    /// </summary>
    Task<long?> MeasureCompressedSizeUnlessPushedAsync(string image) =>
        RunWillPush ? Task.FromResult<long?>(null) : MeasureCompressedSizeAsync(image);

    async Task<long?> MeasureCompressedSizeAsync(string image)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var bytes = await CompressedImageSize.MeasureAsync(Docker, image, TemporaryDirectory, Log);
            Log.Information("Measured the compressed size of {Image}: {Size} in {Seconds:0.0} s", image, ByteSizeText.Format(bytes), stopwatch.Elapsed.TotalSeconds);
            return bytes;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or System.Text.Json.JsonException or BuildFailedException)
        {
            // A figure for the report, not a reason to fail the image build.
            Log.Warning("Could not measure the compressed size of {Image}: {Reason} The image report leaves it out.", image, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// The previous image of the branch, read once per run and before the first push (DockerBuild, or the pipeline's
    /// TagPublisher before its first tag write), since the push moves the tag it is read from.
    /// </summary>
    Task<ImageComparison> PreviousImageAsync(ImageMetadata metadata, TargetPlatform platform) =>
        previousImage ??= PreviousImageLookup.FindAsync(metadata.Name, BranchTag.Of(metadata.TagSet), platform,
            RegistryComparisonPolicy.WhyNotQuery(metadata.Name.Registry, IsServerBuild, CompareImageSize), () => MetricsRegistryClient(metadata.Name.Registry));

    /// <summary>The registry as the metrics read it: short requests, no retries, since every build waits for them at its end.</summary>
    RegistryClient MetricsRegistryClient(string registry) =>
        new(RegistryHttp, registry, RegistryCredentialResolver.Resolve(registry, RegistryUsername, RegistryPassword, EnvironmentVariables), Log)
        {
            Backoff = PreviousImageLookup.Backoff,
        };

    /// <summary>DockerBuild's part: what it built and measured; then the size budget, which may fail the target.</summary>
    async Task RecordBuiltImageAsync(ImageMetadata metadata, ImageDetails image, IReadOnlyList<string> platforms, BuildKitBuildStats build, Task<long?> compressed)
    {
        var budget = ImageSizeBudget;
        var measured = await compressed;
        imageMetrics = new ImageMetrics(metadata.Images, image.Id, platforms, image.Size, image.LayerCount, build.ContextTransferBytes,
            new CacheMetrics(build.CachedSteps, build.TotalSteps))
        {
            CompressedBytes = measured,
            CompressedSizeSource = measured is null ? null : CompressedSizeSource.Measured,
            Budget = BudgetMetrics.From(budget, image.Size),
            Previous = await PreviousImageAsync(metadata, TargetPlatform.Parse(image.Platform)),
        };
        Log.Information("Image {Image}: {Layers} layers, {Uncompressed} uncompressed, {Cache}, build context {Context} transferred",
            metadata.Images[0], image.LayerCount, ByteSizeText.Format(image.Size), imageMetrics.Cache, build.ContextTransferBytes is { } bytes ? ByteSizeText.Format(bytes) : "not reported");
        EnforceSizeBudget(metadata.Images[0], image.Size);
    }

    /// <summary>Fails DockerBuild (--image-size-budget-action fail) or warns when the image is over --image-size-budget-mb.</summary>
    void EnforceSizeBudget(string image, long uncompressedBytes)
    {
        var budget = ImageSizeBudget;
        if (budget.Describe(image, uncompressedBytes) is not { } problem)
        {
            return;
        }

        if (budget.Action == SizeBudgetAction.Fail)
        {
            throw new BuildFailedException(problem + " To only warn, pass --image-size-budget-action warn.");
        }

        Log.Warning("{Problem}", problem);
    }

    /// <summary>
    /// Push's and Merge's part: the references and digest, and the compressed size as the registry now holds it (what a
    /// pull downloads). A registry that does not answer in time leaves the size as it was, with a warning.
    /// </summary>
    async Task RecordPushedImageAsync(ImageMetadata metadata, PublishedTags published, TargetPlatform platform)
    {
        // A Merge-only run built nothing: the image is what it pushed, compared with what Merge read before pushing.
        var built = imageMetrics ?? new ImageMetrics([], "", [platform.ToString()], null, null, null, null) { Previous = published.Previous };
        var (references, digest) = (published.References, published.Digest);
        var image = built with { References = references, Digest = digest };
        using var timeout = new CancellationTokenSource(PreviousImageLookup.Timeout);
        try
        {
            if (await ManifestSummary.ReadAsync(MetricsRegistryClient(metadata.Name.Registry), metadata.Name.Repository, digest, platform, timeout.Token) is { } pushed)
            {
                image = image with { CompressedBytes = pushed.CompressedBytes, CompressedSizeSource = CompressedSizeSource.Registry, Layers = image.Layers ?? pushed.Layers };
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
                                              or KeyNotFoundException or FormatException or ArgumentException or BuildFailedException)
        {
            // The push succeeded; a figure for the report must not turn it into a failure.
            Log.Warning("Could not read the pushed manifest {Image}@{Digest} for its compressed size ({Reason}); the image report leaves it out.",
                metadata.Name.ToString(), digest, exception.Message);
        }

        imageMetrics = image;
    }

    partial void RecordBuildMetrics(bool succeeded)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var document = new BuildMetricsDocument(RunMetricsOf(succeeded), [.. ExecutionPlan.Select(TargetMetricsOf)], imageMetrics);
            AtomicFile.WriteAllText(BuildMetricsFile, document.ToJson());
            if (imageMetrics is { } image)
            {
                Log.Information("{Title}:", ImageReport.Title);
                foreach (var line in ImageReport.ToLines(image))
                {
                    Log.Information("  {Line}", line);
                }

                Host.PublishSummary(ImageReport.ToMarkdown(image));
            }

            Log.Information("Build metrics written to {File} in {Milliseconds} ms", BuildMetricsFile.RelativeTo(RootDirectory), stopwatch.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or InvalidOperationException)
        {
            // The metrics describe the build; they must never change its outcome.
            Log.Warning("Could not write {File}: {Reason}. The build's outcome is unaffected.", BuildMetricsFile.RelativeTo(RootDirectory), exception.Message);
        }
    }

    RunMetrics RunMetricsOf(bool succeeded)
    {
        // Only what is known already: the hook starts no git process (the context is there once a target resolved it).
        var context = eventContext is { IsCompletedSuccessfully: true } resolved ? resolved.Result : null;
        return new RunMetrics(runStartedAt, DateTimeOffset.UtcNow, succeeded,
            context?.Sha is { Length: > 0 } sha ? sha : EnvironmentVariables.GetValueOrDefault("GITHUB_SHA"),
            context?.Ref is { Length: > 0 } gitRef ? gitRef : EnvironmentVariables.GetValueOrDefault("GITHUB_REF"),
            Host.Kind == HostKind.GitHubActions ? "github-actions" : "terminal");
    }

    static TargetMetrics TargetMetricsOf(ExecutableTarget target) =>
        new(target.Name, target.Status.ToString(), (long)target.Duration.TotalMilliseconds, target.Note);
}
