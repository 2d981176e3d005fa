using BuildEngine;
using Delivery.Docker;
using Delivery.Images;
using Delivery.MultiArch;
using Delivery.Registry;
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
        var credentials = RegistryCredentialResolver.Resolve(registry, RegistryUsername, RegistryPassword, EnvironmentVariables);
        Secrets.Add(credentials?.Password);
        return await Delivery.Registry.RegistrySession.OpenAsync(Docker, TemporaryDirectory, credentials, EnvironmentVariables, Log);
    }

    Target Push => _ => _
        .Description("Pushes the gateway image under every computed tag.")
        .DependsOn(DockerBuild)
        .After(ImageTest, Scan)
        .Consumes(DockerBuild, ImageRecordFile)
        .Produces(ImageRecordFile)
        .WritePermissions(GitHubPermission.Packages)
        .Reads(nameof(Registry), nameof(ImageName), nameof(RegistryUsername), nameof(RegistryPassword), nameof(Platforms), nameof(ImageTags), nameof(ImageFlavor))
        .WritesPublishedImageOutputs()
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

            var published = await Pipeline.PublishAsync(record, TagReferences(metadata), await RegistrySessionFor(metadata.Name.Registry));
            await RecordPushedImageAsync(metadata, published, TargetPlatform.Parse(record.Platform));
            WriteDigestOutputs(metadata, published.Digest);
            SummaryNote(ShortDigest(published.Digest));
            Log.Information("Pushed {Image}@{Digest} as {References}; recorded in {File}",
                metadata.Name.ToString(), published.Digest, published.References, ImageRecordFile.RelativeTo(RootDirectory));
        });

    /// <summary>registry/name:tag for every computed tag, in push order: immutable first, latest last (PushOrder).</summary>
    static IReadOnlyList<string> TagReferences(ImageMetadata metadata) =>
        [.. PushOrder.Order(metadata.TagSet.Tags).Select(tag => metadata.Name.WithTag(tag.Value))];

    /// <summary>sha256: and the first 12 hex digits, as a summary note shows a digest or an image ID.</summary>
    static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] : digest;

    /// <summary>The step outputs (digest, image, reference, version) for the jobs and workflows after the push.</summary>
    void WriteDigestOutputs(ImageMetadata metadata, string digest) => PublishedImageOutputs.Write(EnvironmentVariables, metadata, digest);

    Target RegistryLogout => _ => _
        .Description("Logs out of the registry after every target that logged in.")
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
