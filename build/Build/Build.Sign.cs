using BuildEngine;
using Delivery.Docker;
using Delivery.Registry;
using Delivery.Signing;

/// <summary>
/// Sign: cosign signatures on the pushed digest, keyless on GitHub Actions, with a key pair elsewhere; each
/// signature is verified right after. docs/security.md shows consumers how to verify.
/// </summary>
partial class Build
{
    [Parameter("cosign private key: a path to cosign.key, or the PEM content itself (e.g. from a CI secret). Off GitHub Actions signing needs it; on GitHub it replaces keyless signing.")]
    [Secret]
    readonly string? CosignKey;

    [Parameter("Password of --cosign-key; reaches cosign as COSIGN_PASSWORD, never as an argument.")]
    [Secret]
    readonly string? CosignPassword;

    [Parameter("cosign public key (path or PEM) to verify keyed signatures with. Default: derived from --cosign-key.")]
    readonly string? CosignPublicKey;

    Target Sign => _ => _
        .Description("Signs the pushed image by digest with cosign.")
        // Signs what Push or Merge recorded; ordered after them rather than depending on them, so a CI job that
        // merges the platform images signs the index without building or pushing anything again.
        .After(Push, Merge)
        .Consumes(Push, ImageRecordFile)
        .WritePermissions(GitHubPermission.Packages, GitHubPermission.IdToken)
        .UsesTools("cosign")
        .Reads(nameof(CosignKey), nameof(CosignPassword), nameof(CosignPublicKey))
        .Executes(async () =>
        {
            var image = PushedImage.From(ImageRecord.Read(ImageRecordFile), ImageRecordFile.RelativeTo(RootDirectory));
            using var signing = await CreateSigningSetupAsync();
            var cosign = await CosignForAsync(image, signing);
            // A multi-arch index: --recursive signs each platform manifest too; each one's signature is verified.
            await cosign.SignAsync(signing.Mode, image.ByDigest);
            foreach (var platformImage in image.PlatformsByDigest)
            {
                await cosign.VerifySignatureAsync(signing.Mode, platformImage);
            }
        });

    Task<SigningSetup> CreateSigningSetupAsync() =>
        SigningSetup.CreateAsync(Cosign, EnvironmentVariables, new SigningKeys(CosignKey, CosignPassword, CosignPublicKey), TemporaryDirectory, Log);

    /// <summary>cosign with the key's password and the registry login (the same DOCKER_CONFIG as the push).</summary>
    async Task<CosignCli> CosignForAsync(PushedImage image, SigningSetup signing)
    {
        var session = await RegistrySessionFor(image.Registry);
        var environment = new Dictionary<string, string?>(signing.Environment);
        foreach (var (name, value) in session.Environment)
        {
            environment[name] = value;
        }

        return new CosignCli(Cosign, environment, Log);
    }

    /// <summary>
    /// One predicate attested to the pushed digest and, for a multi-arch index, to each platform manifest, each verified
    /// (cosign 2.5's attest --recursive leaves the manifests bare). Sbom and Provenance attest this way.
    /// </summary>
    static async Task AttestEveryManifestAsync(CosignCli cosign, SigningSetup signing, string predicateType, string predicateFile, PushedImage image)
    {
        foreach (var attested in (IEnumerable<string>)[image.ByDigest, .. image.PlatformsByDigest])
        {
            await cosign.AttestAsync(signing.Mode, predicateType, predicateFile, attested);
        }
    }
}
