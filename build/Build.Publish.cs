using BuildEngine;
using Delivery.Docker;
using Delivery.GitHub;
using Delivery.Registry;
using Delivery.Tags;
using Serilog;

/// <summary>
/// Push: the built image to the registry under every computed tag, and its digest into artifacts/image.json.
/// The registry login lives in a docker config directory of the build's own; RegistryLogout removes it.
/// docs/security.md explains credentials.
/// </summary>
partial class Build
{
    [Parameter("User name for the registry login. On GitHub Actions ghcr.io needs none (GITHUB_TOKEN); without credentials elsewhere, no login (an open registry).")]
    readonly string? RegistryUsername;

    [Parameter("Password or token for --registry-username; handed to `docker login --password-stdin`, never an argument.")]
    [Secret]
    readonly string? RegistryPassword;

    Task<RegistrySession>? registrySession;

    /// <summary>One login per build run, shared by Push, Sign and Sbom (cosign reads the same DOCKER_CONFIG).</summary>
    Task<RegistrySession> RegistrySessionFor(string registry) => registrySession ??= OpenRegistrySessionAsync(registry);

    async Task<RegistrySession> OpenRegistrySessionAsync(string registry)
    {
        var credentials = RegistryCredentialResolver.Resolve(registry, RegistryUsername, RegistryPassword, CurrentEnvironment);
        Secrets.Add(credentials?.Password);
        return await Delivery.Registry.RegistrySession.OpenAsync(Docker, TemporaryDirectory, credentials);
    }

    Target Push => _ => _
        .Description("Pushes the gateway image under every computed tag (immutable first, latest last, transient errors retried); records the digest in artifacts/image.json. With --platforms a,b: every platform by digest, then one tagged multi-arch index.")
        .DependsOn(DockerBuild)
        .After(ImageTest, Scan)
        .Consumes(DockerBuild, "artifacts/image.json")
        .Produces("artifacts/image.json")
        .WritePermissions(GitHubPermission.Packages)
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var metadata = await ImageMetadata;
            if (IsMultiPlatform(record))
            {
                // PushByDigest for each platform, then Merge: one index under every tag (Build.MultiArch.cs).
                await PushMultiPlatformAsync(record, metadata);
                return;
            }

            var references = PushOrder.Order(metadata.TagSet.Tags).Select(tag => metadata.Name.WithTag(tag.Value)).ToList();
            var session = await RegistrySessionFor(metadata.Name.Registry);
            var result = await new ImagePusher(Docker.RunAsync, Backoff.Default).PushAsync(record.ImageId, references, session);
            if (!result.Succeeded)
            {
                var latestHeld = result.NotPushed.Any(reference => reference.EndsWith(":" + TagEvaluator.Latest, StringComparison.Ordinal))
                    ? " latest was not moved."
                    : "";
                throw new BuildFailedException($"Push failed: {result.Error} {result.Describe()}{latestHeld}");
            }

            (record with { Images = result.Pushed, Digest = result.Digest }).Write(ImageRecordFile);
            await RecordPushedImageAsync(metadata, result.Pushed, result.Digest!, Delivery.MultiArch.TargetPlatform.Parse(record.Platform));
            if (StepOutput.TryWrite(CurrentEnvironment, "digest", result.Digest!))
            {
                StepOutput.TryWrite(CurrentEnvironment, "image", metadata.Name.ToString());
            }

            Log.Information("Pushed {Image}@{Digest} as {References}; recorded in {File}",
                metadata.Name.ToString(), result.Digest, result.Pushed, ImageRecordFile.RelativeTo(RootDirectory));
        });

    Target RegistryLogout => _ => _
        .Description("Logs out of the registry and deletes the build's docker config directory; runs after every target that logs in (Push, PushByDigest, Merge, Sign, Sbom, Provenance), also when they fail.")
        .TriggeredBy(Push, PushByDigest, Merge, Sign, Sbom, Provenance)
        .AssuredAfterFailure()
        .Unlisted()
        .Executes(async () =>
        {
            if (registrySession is not { IsCompletedSuccessfully: true } opened)
            {
                // Never opened, or the login failed (which cleaned up after itself).
                return;
            }

            await (await opened).DisposeAsync();
        });
}
