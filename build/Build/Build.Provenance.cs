using BuildEngine;
using Delivery.Docker;
using Delivery.Images;
using Delivery.Pipeline;
using Delivery.Provenance;
using Delivery.Registry;
using Serilog;
using Tooling;

/// <summary>
/// Provenance: an SLSA v1 provenance of the pushed image (the workflow run that built it, the source commit, the base
/// images by digest, the build arguments), kept in artifacts/provenance/ and attached with cosign to the index and to
/// each platform manifest, signed and verified like the SBOM. buildx's own provenance stays off (DockerBuild).
/// </summary>
partial class Build
{
    AbsolutePath ProvenanceDirectory => ArtifactsDirectory / "provenance";

    /// <summary>Where PushByDigest leaves each platform leg's pinned base images for the publish job (PlatformBaseImages).</summary>
    AbsolutePath BaseImagesDirectory => ArtifactsDirectory / "base-images";

    Target Provenance => _ => _
        .Description("Attests SLSA v1 provenance to the pushed image with cosign.")
        .After(Push, Merge, Sign, Sbom)
        .Consumes(Push, ImageRecordFile)
        .Consumes(PushByDigest, BaseImagesDirectory / "*")
        .Produces(ProvenanceDirectory / "*.json")
        // As Sbom: the attestation lives in the registry (packages) and is signed keyless on GitHub (id-token).
        .WritePermissions(GitHubPermission.Packages, GitHubPermission.IdToken)
        .UsesTools("cosign")
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var image = PushedImage.From(record, ImageRecordFile.RelativeTo(RootDirectory));
            // Signing set-up first: a missing key fails the target before anything is written.
            using var signing = await CreateSigningSetupAsync();
            var cosign = await CosignForAsync(image, signing);
            var facts = await ProvenanceFactsAsync(record);

            Directory.CreateDirectory(ProvenanceDirectory);
            var predicateFile = ProvenanceDirectory / "gateway.slsa.json";
            await File.WriteAllTextAsync(predicateFile, SlsaProvenance.ToJson(facts));
            Log.Information("SLSA provenance: builder {Builder}, source {Source} at {Commit}, bases {Bases}; {File}",
                facts.Invocation.BuilderId, facts.Source.Uri, facts.Source.Commit,
                facts.BaseImages.Values.SelectMany(bases => new[] { bases.Sdk, bases.Runtime }).Distinct(), predicateFile.RelativeTo(RootDirectory));
            await AttestEveryManifestAsync(cosign, signing, SlsaProvenance.CosignType, predicateFile, image);
        });

    async Task<BuildFacts> ProvenanceFactsAsync(ImageRecord record)
    {
        var context = await EventContext;
        var basesByPlatform = ProvenanceBaseImages(record);
        var metadata = await ImageMetadata;
        // The gateway's arguments as DockerBuild passes them for these bases: the same function of the commit's labels
        // and the bases on every job. The legs normally pin the same bases; the first platform's stand for all here,
        // and resolvedDependencies lists each platform's own.
        var request = Pipeline.Builder.Request(true, AppImage.Gateway, [], metadata.Labels, null, basesByPlatform.Values.First());
        return new BuildFacts
        {
            Invocation = BuildInvocation.From(EnvironmentVariables, context),
            Source = BuildSource.From(context, RootDirectory),
            BaseImages = basesByPlatform,
            BuildArguments = DockerBuildArguments.BuildArgumentValues(request),
            Dockerfile = Path.GetRelativePath(RootDirectory, request.Dockerfile).Replace('\\', '/'),
            StartedOn = runStartedAt,
            FinishedOn = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// Platform → base images: from artifacts/image.json when DockerBuild ran on this machine; on CI's publish job, which
    /// merged the legs' digests without their records, from the files each leg's PushByDigest left.
    /// </summary>
    IReadOnlyDictionary<string, BaseImages> ProvenanceBaseImages(ImageRecord record)
    {
        var platforms = record.Platforms is { Count: > 0 } pushed ? [.. pushed.Keys] : record.Platform.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return record.BaseImages is { } bases
            ? platforms.ToDictionary(platform => platform, _ => bases, StringComparer.Ordinal)
            : PlatformBaseImages.Read(BaseImagesDirectory, platforms);
    }
}
