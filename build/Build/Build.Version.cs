using BuildEngine;
using Delivery;
using Delivery.Events;
using Delivery.Git;
using Delivery.Images;
using Delivery.Labels;
using Delivery.Retention;
using Delivery.Tags;
using Delivery.Versioning;
using Tooling;

/// <summary>
/// The version (GitVersion, GitVersion.yml) and the image metadata derived from it: tags, image references,
/// OCI labels. docs/versioning.md explains the rules.
/// </summary>
partial class Build
{
    [Parameter("Container registry the image is pushed to. Default: ghcr.io.")]
    readonly string? Registry;

    [Parameter("Image name under the registry (lowercased). Default: GITHUB_REPOSITORY, else owner/name of a GitHub 'origin' remote, else 'gateway'.")]
    readonly string? ImageName;

    [Parameter("Image tag rules, one per line, in docker/metadata-action's tags syntax (type=ref,event=branch; type=semver,pattern={{version}}; " +
                "type=sha; type=raw,value=...; type=edge; type=schedule,pattern={{date 'YYYYMMDD'}}; with prefix=, suffix=, enable=, priority=). Default: docs/versioning.md's rule set.")]
    readonly string? ImageTags;

    [Parameter("Image tag flavor, one entry per line, in docker/metadata-action's flavor syntax: latest=auto|true|false, prefix=..., suffix=... " +
               "(each optionally ,onlatest=true). Default: latest=auto.")]
    readonly string? ImageFlavor;

    [Parameter("SPDX licence expression for the org.opencontainers.image.licenses label. Default: NOASSERTION.")]
    readonly string ImageLicenses = "NOASSERTION";

    AbsolutePath ImageMetadataFile => ArtifactsDirectory / "image-metadata.json";

    static readonly ImageDescription GatewayDescription = new("Gateway", "ASP.NET Core API gateway (YARP reverse proxy).", "");

    Task<GitVersionResult>? gitVersion;
    Task<EventContext>? eventContext;
    Task<BuildVersion>? buildVersion;
    Task<ImageMetadata>? imageMetadata;

    /// <summary>GitVersion's result for HEAD, computed on first use and shared by every target.</summary>
    Task<GitVersionResult> GitVersion => gitVersion ??= new GitVersionTool(Dotnet, Git).ComputeAsync(RootDirectory, NuGetPackagesFolder);

    /// <summary>What is built and why: GitHub's event when on GitHub Actions, else the clone's branch or tag at HEAD.</summary>
    Task<EventContext> EventContext => eventContext ??= EventContextReader.ReadAsync(Git, RootDirectory, EnvironmentVariables, TimeProvider.System);

    /// <summary>The version stamped into assemblies and labels: a built semver tag's, else GitVersion's.</summary>
    Task<BuildVersion> BuildVersion => buildVersion ??= ResolveBuildVersionAsync();

    /// <summary>The version, tags, image references and labels of this build; DockerBuild and Push use exactly these.</summary>
    Task<ImageMetadata> ImageMetadata => imageMetadata ??= CreateImageMetadataAsync();

    ImageMetadataRequest? imageRequest;

    /// <summary>The image's name and description and the tag rules read from --image-tags and --image-flavor (or their defaults).</summary>
    ImageMetadataRequest ImageRequest => imageRequest ??= new ImageMetadataRequest(Registry, ImageName, GatewayDescription with { Licenses = ImageLicenses })
    {
        TagRules = TagRuleParser.Parse(ImageTags ?? DefaultTagRules.Text),
        Flavor = ImageFlavor is null ? DefaultTagRules.Flavor : TagFlavorParser.Parse(ImageFlavor),
    };

    string NuGetPackagesFolder => GitVersionTool.PackagesFolder(EnvironmentVariables);

    Target Version => _ => _
        .Description("Computes the version and the image's tags and labels.")
        .Produces(ImageMetadataFile)
        .Reads(nameof(Registry), nameof(ImageName), nameof(ImageLicenses), nameof(ImageTags), nameof(ImageFlavor))
        .Executes(async () =>
        {
            // Read first, so a tag rule that does not parse fails here, before GitVersion runs.
            Log.Information("Tag rules: {Rules}; flavor: {Flavor}", string.Join("; ", ImageRequest.TagRules.Select(rule => rule.Describe())),
                ImageRequest.Flavor.Describe().Replace('\n', ';'));
            var gitVersion = await GitVersion;
            var version = await BuildVersion;
            var metadata = await ImageMetadata;
            Log.Information("GitVersion {SemVer} ({InformationalVersion}), branch {Branch}, commit {ShortSha}",
                gitVersion.SemVer, gitVersion.InformationalVersion, gitVersion.BranchName, gitVersion.ShortSha);
            Log.Information("Version {Version} (from {Source})", version.SemVer, version.Source);
            SummaryNote(version.SemVer);
            Log.Information("Event {Event} on {Ref} ({Sha})", metadata.Context.EventName, metadata.Context.Ref, metadata.Context.Sha);
            foreach (var tag in metadata.TagSet.Tags)
            {
                var keep = RetentionPolicy.Describe(tag.Retention);
                Log.Information("Tag {Image}  <- {Rule}; {Retention}, {Keep}", metadata.Name.WithTag(tag.Value), tag.Rule, tag.Retention.ToString(), keep);
            }

            foreach (var (key, value) in metadata.Labels)
            {
                Log.Information("Label {Key}={Value}", key, value);
            }

            Directory.CreateDirectory(ArtifactsDirectory);
            await File.WriteAllTextAsync(ImageMetadataFile, metadata.ToJson());
            Log.Information("Wrote {File}", ImageMetadataFile.RelativeTo(RootDirectory));
        });

    async Task<BuildVersion> ResolveBuildVersionAsync()
    {
        var gitVersion = await GitVersion;
        var version = Delivery.Versioning.BuildVersion.Resolve(gitVersion, await EventContext);
        if (version.SemVer != gitVersion.SemVer)
        {
            Log.Information("Building tag {Version}: the tag is the version (GitVersion said {GitVersion}).", version.SemVer, gitVersion.SemVer);
        }

        return version;
    }

    async Task<ImageMetadata> CreateImageMetadataAsync()
    {
        var request = ImageRequest;
        return ImageMetadataFactory.Create(await EventContext, await BuildVersion, await new GitCli(Git, RootDirectory).HeadCommitTimeAsync(), request);
    }

    /// <summary>
    /// MSBuild properties that stamp the assemblies with GitVersion's result. Outside a git repository (a
    /// throw-away directory) there is no version to stamp, and the SDK's defaults stay.
    /// </summary>
    async Task<string[]> AssemblyVersionProperties()
    {
        if (!await new GitCli(Git, RootDirectory).IsRepositoryAsync())
        {
            Log.Warning("{Root} is not a git repository: assemblies keep the SDK's default version.", RootDirectory);
            return [];
        }

        var version = await BuildVersion;
        return
        [
            $"-p:Version={version.SemVer}",
            $"-p:AssemblyVersion={version.AssemblyVersion}",
            $"-p:FileVersion={version.FileVersion}",
            $"-p:InformationalVersion={version.InformationalVersion}",
            // GitVersion's InformationalVersion already names the commit; the SDK would append it a second time.
            "-p:IncludeSourceRevisionInInformationalVersion=false",
        ];
    }
}
