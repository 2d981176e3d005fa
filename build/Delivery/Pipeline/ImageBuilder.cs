using Delivery.Docker;
using Delivery.Images;
using Delivery.Labels;
using Delivery.MultiArch;
using Delivery.Reproducibility;
using Serilog;
using Tooling;

namespace Delivery.Pipeline;

/// <summary>
/// Builds an <see cref="AppImage"/> from Dockerfile.multistage into the local engine, with the commit's time on every
/// file where the builder can; the gateway's OCI archive stays for the push (docs/docker.md#ship-what-was-tested).
/// </summary>
public sealed class ImageBuilder(DockerCli docker, ImageBuildSettings settings, ILogger log)
{
    /// <summary>BuildKit for a plain `docker build` too (buildx always uses it).</summary>
    public static ToolOptions BuildKitOptions => new() { Environment = new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" } };

    /// <summary>Where the build keeps <paramref name="app"/>'s OCI archive of <paramref name="platform"/> until the push uploads it.</summary>
    public AbsolutePath KeptArchive(AppImage app, TargetPlatform platform) =>
        settings.TemporaryDirectory / "images" / $"{app.Name.ToLowerInvariant()}-{platform.Slug}.oci.tar";

    /// <summary>
    /// Builds <paramref name="app"/> into the local engine under <paramref name="tags"/>. With <paramref name="keepArchive"/>
    /// the OCI archive stays there: the push uploads it.
    /// </summary>
    public async Task<BuiltImage> BuildAsync(bool useBuildx, AppImage app, IReadOnlyList<string> tags, IReadOnlyDictionary<string, string> labels,
        string? platform = null, AbsolutePath? keepArchive = null)
    {
        Directory.CreateDirectory(settings.TemporaryDirectory);
        var archivePath = keepArchive ?? settings.TemporaryDirectory / $"image-{Guid.NewGuid():N}.oci.tar";
        var output = useBuildx
            ? LocalImageOutput.For(BuilderInfo.Parse(await docker.InspectBuilderAsync()), await docker.UsesContainerdImageStoreAsync(), archivePath)
            : LocalImageOutput.PlainBuild;
        if (!output.Reproducible)
        {
            log.Warning("This builder loads images without rewriting file times: {Image} will not be bit-for-bit reproducible. {Hint}",
                tags[0], DockerCli.ContainerdImageStoreHint);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        var request = Request(useBuildx, app, output.Archive is null ? tags : [], labels, platform, await settings.BaseImages()) with
        {
            Output = output.Output,
        };
        var kept = false;
        try
        {
            var build = await docker.RunAsync(DockerBuildArguments.For(request), BuildKitOptions with { PassEnvironment = request.Cache?.PassEnvironment });
            if (output.Archive is not { } archive)
            {
                return new BuiltImage(build, null, null);
            }

            var image = OciArchive.Open(archive).SingleImage();
            // The engine's ID of the loaded image: the manifest digest on the containerd store, the config digest on the classic one.
            var localId = image.LocalImageId(await docker.UsesContainerdImageStoreAsync());
            await docker.LoadAsync(archive);
            foreach (var tag in tags)
            {
                await docker.RunAsync(["tag", localId, tag], new ToolOptions { LogOutput = false });
            }

            kept = keepArchive is not null;
            return new BuiltImage(build, kept ? archive : null, image);
        }
        finally
        {
            if (output.Archive is { } archive && !kept)
            {
                File.Delete(archive);
            }
        }
    }

    /// <summary>The record of a kept archive, as the build loaded it under <paramref name="reference"/>; null when none was kept.</summary>
    public async Task<PlatformBuild?> KeptBuildOf(BuiltImage built, string reference)
    {
        if (built is not { ArchivePath: { } path, Archive: { } archive })
        {
            return null;
        }

        var loaded = await docker.InspectAsync(reference);
        var expected = archive.LocalImageId(await docker.UsesContainerdImageStoreAsync());
        if (loaded.Id != expected)
        {
            throw new BuildFailedException($"docker load of {path} gave {reference} the ID {loaded.Id}; the archive's image is {expected}.");
        }

        return new PlatformBuild(reference, Path.GetRelativePath(settings.Root, path), loaded.Id, archive.ManifestDigest, archive.ConfigDescriptor.Digest);
    }

    /// <summary><paramref name="app"/>'s build from Dockerfile.multistage on <paramref name="bases"/> (SDK_IMAGE, RUNTIME_IMAGE and the base labels).</summary>
    public DockerBuildRequest Request(bool useBuildx, AppImage app, IReadOnlyList<string> tags, IReadOnlyDictionary<string, string> labels,
        string? platform, BaseImages bases)
    {
        var buildArguments = new Dictionary<string, string>(bases.Apply(new Dictionary<string, string>()))
        {
            ["APP_DIR"] = app.Directory,
            ["APP_NAME"] = app.Name,
        };
        foreach (var (key, value) in labels)
        {
            // org.opencontainers.image.revision -> REVISION: Dockerfile.multistage turns these arguments into its LABELs.
            if (OciLabels.BuildArgument(key) is { } argument)
            {
                buildArguments[argument] = value;
            }
        }

        if (app.ExposedPorts is { } ports)
        {
            buildArguments["EXPOSE_PORTS"] = ports;
        }

        if (app.Description is { } description)
        {
            buildArguments["TITLE"] = description.Title;
            buildArguments["DESCRIPTION"] = description.Description;
        }

        if (settings.Environment.GetValueOrDefault("NUGET_CERT_REVOCATION_MODE") is { Length: > 0 } revocationMode)
        {
            buildArguments["NUGET_CERT_REVOCATION_MODE"] = revocationMode;
        }

        return new DockerBuildRequest
        {
            Dockerfile = settings.Root / "Dockerfile.multistage",
            Context = settings.Root,
            Tags = tags,
            BuildArguments = buildArguments,
            Platform = platform,
            Network = settings.Network,
            NoCache = settings.NoCache,
            SourceDateEpoch = OciLabels.SourceDateEpoch(labels),
            // The final stage only copies /app onto the base (seconds): made afresh, it carries this commit's file times,
            // where a cached copy would keep those of the build that made it (docs/docker.md#reproducible-images).
            UncachedStages = ["runtime"],
            // One plain manifest per loaded image: the image's provenance is its signed SBOM attestation (docs/security.md).
            Provenance = useBuildx ? false : null,
            Cache = useBuildx ? GitHubActionsBuildCache.For(settings.Environment, app.CacheScope) : null,
            SecretFiles = settings.CaBundle is { } bundle ? new Dictionary<string, string> { ["ca-bundle"] = bundle } : new Dictionary<string, string>(),
            UseBuildx = useBuildx,
        };
    }
}
