using BuildEngine;
using Delivery.Docker;
using Delivery.Registry;
using Delivery.Sbom;
using Serilog;
using Tooling;

/// <summary>
/// Sbom: a CycloneDX SBOM of the pushed image (the gateway's NuGet packages, the .NET runtime, the base image,
/// and the OS packages when syft is there), kept in artifacts/sbom/ and attached to the image as a cosign attestation.
/// </summary>
partial class Build
{
    const string CycloneDxPredicateType = "cyclonedx";

    AbsolutePath SbomDirectory => ArtifactsDirectory / "sbom";

    Target Sbom => _ => _
        .Description("Attests a CycloneDX SBOM to the pushed image with cosign.")
        .DependsOn(Restore)
        .After(Push, Merge, Sign)
        .Consumes(Push, ImageRecordFile)
        .Produces(SbomDirectory / "*.json")
        // cosign keeps the attestation in the registry (packages) and signs it keyless (id-token); GitHub's own
        // attestation store (attestations: write) is not used.
        .WritePermissions(GitHubPermission.Packages, GitHubPermission.IdToken)
        .UsesTools("cosign", "syft")
        .Reads(nameof(CosignKey), nameof(CosignPassword), nameof(CosignPublicKey))
        .Executes(async () =>
        {
            var record = ImageRecord.Read(ImageRecordFile);
            var image = PushedImage.From(record, ImageRecordFile.RelativeTo(RootDirectory));
            // Signing set-up first: a missing key fails the target before the SBOM work.
            using var signing = await CreateSigningSetupAsync();
            var cosign = await CosignForAsync(image, signing);
            var bom = await new CycloneDxTool(Dotnet, RootDirectory)
                .CreateAsync(RootDirectory / "apps" / "backend" / "Gateway.csproj", SbomDirectory, "nuget.cdx.json", image.Repository, image.MainTag);
            bom.DescribeContainer(image.Repository, image.Digest, image.MainTag);
            // Merge on a CI job of its own has no local image: the runtimes are read from the pushed one.
            var runtimeSource = record.ImageId.Length > 0 ? record.ImageId : image.ByDigest;
            foreach (var runtime in await ListRuntimesAsync(runtimeSource, (await RegistrySessionFor(image.Registry)).Environment))
            {
                bom.AddRuntime(runtime);
            }

            bom.AddBaseImage(RuntimeImage);
            await AddOperatingSystemPackagesAsync(bom, image);

            var sbomFile = SbomDirectory / "gateway.cdx.json";
            await File.WriteAllTextAsync(sbomFile, bom.ToJson());
            Log.Information("SBOM with {Count} components: {File}", bom.Components.Count, sbomFile.RelativeTo(RootDirectory));
            // A multi-arch index: the same application SBOM attested to the index and to each platform manifest.
            await AttestEveryManifestAsync(cosign, signing, CycloneDxPredicateType, sbomFile, image);
        });

    /// <summary>The shared frameworks in the image, from the image's own dotnet (no network, removed afterwards).</summary>
    async Task<IReadOnlyList<DotnetRuntime>> ListRuntimesAsync(string imageId, IReadOnlyDictionary<string, string?> environment)
    {
        var result = await Docker.RunAsync(["run", "--rm", "--network", "none", "--entrypoint", "dotnet", imageId, "--list-runtimes"],
            new ToolOptions { LogOutput = false, Environment = environment });
        var runtimes = DotnetRuntimes.Parse(result.StandardOutputLines);
        if (runtimes.Count == 0)
        {
            throw new BuildFailedException($"`dotnet --list-runtimes` in {imageId} listed no runtime; the SBOM would miss the .NET runtime.");
        }

        Log.Information(".NET runtime in the image: {Runtimes}", runtimes.Select(runtime => $"{runtime.Name} {runtime.Version}"));
        return runtimes;
    }

    /// <summary>syft reads the image's OS packages (dpkg status, …); where it is not installed the SBOM says nothing about them.</summary>
    async Task AddOperatingSystemPackagesAsync(CycloneDxDocument bom, PushedImage image)
    {
        if (ToolResolver.TryResolve("syft") is null)
        {
            Log.Warning("syft is not on PATH: the SBOM lists the NuGet packages, the .NET runtime and the base image, but not the image's OS packages.");
            return;
        }

        var syftFile = SbomDirectory / "os-packages.syft.cdx.json";
        var session = await RegistrySessionFor(image.Registry);
        await Tools.RunAsync("syft", ["scan", $"registry:{image.ByDigest}", "--output", $"cyclonedx-json={syftFile}"],
            new ToolOptions { Environment = session.Environment });
        var added = bom.Merge(CycloneDxDocument.Load(syftFile));
        Log.Information("syft: {Added} OS packages and files added to the SBOM (its own BOM kept in {File})", added, syftFile.RelativeTo(RootDirectory));
    }
}
