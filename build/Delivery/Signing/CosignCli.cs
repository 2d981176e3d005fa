using Serilog;
using Tooling;

namespace Delivery.Signing;

/// <summary>
/// cosign as a <see cref="Tool"/>: sign, attest and verify an image by digest. The key's
/// password goes in as COSIGN_PASSWORD and registry credentials through DOCKER_CONFIG, never as arguments. Keyless
/// signing and attesting get the runner's OIDC request token, which the engine withholds from every other tool.
/// </summary>
public sealed class CosignCli(Tool cosign, IReadOnlyDictionary<string, string?> environment, ILogger log)
{
    public const string InstallHint =
        "Install cosign 2.x (https://docs.sigstore.dev/cosign/system_config/installation/; on GitHub sigstore/cosign-installer; offline Debian: scripts/ci/install-trixie-tools.sh).";

    public async Task SignAsync(SigningMode mode, string imageByDigest)
    {
        await RunAsync(CosignArguments.Sign(mode, imageByDigest), OidcTokenFor(mode));
        await VerifyAsync(CosignArguments.Verify(mode, imageByDigest), $"signature of {imageByDigest}");
    }

    public async Task AttestAsync(SigningMode mode, string predicateType, string predicateFile, string imageByDigest)
    {
        await RunAsync(CosignArguments.Attest(mode, predicateType, predicateFile, imageByDigest), OidcTokenFor(mode));
        await VerifyAttestationAsync(mode, predicateType, imageByDigest);
    }

    /// <summary>Verifies the signature of one digest (a platform manifest that <c>sign --recursive</c> signed through its index).</summary>
    public Task VerifySignatureAsync(SigningMode mode, string imageByDigest) =>
        VerifyAsync(CosignArguments.Verify(mode, imageByDigest), $"signature of {imageByDigest}");

    private Task VerifyAttestationAsync(SigningMode mode, string predicateType, string imageByDigest) =>
        VerifyAsync(CosignArguments.VerifyAttestation(mode, predicateType, imageByDigest), $"{predicateType} attestation of {imageByDigest}");

    /// <summary>The public key of a key pair (cosign public-key), so a keyed run can verify without a separate public key.</summary>
    public async Task<string> PublicKeyAsync(string privateKeyPath, string outputFile)
    {
        await RunAsync(["public-key", "--key", privateKeyPath, "--outfile", outputFile]);
        return outputFile;
    }

    private async Task VerifyAsync(IReadOnlyList<string> arguments, string what)
    {
        // The verified payloads are long JSON; the log keeps the command and the verdict.
        var result = await cosign(arguments, Options() with { LogOutput = false, ThrowOnFailure = false });
        if (!result.Succeeded)
        {
            throw new BuildFailedException($"cosign could not verify the {what}:{System.Environment.NewLine}" +
                string.Join(System.Environment.NewLine, result.StandardErrorLines.TakeLast(10)));
        }

        log.Information("Verified the {What}", what);
    }

    private Task<ToolResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyCollection<string>? passEnvironment = null) =>
        cosign(arguments, Options() with { PassEnvironment = passEnvironment });

    /// <summary>cosign asks GitHub for the workflow's OIDC token with ACTIONS_ID_TOKEN_REQUEST_URL and this token; verifying needs neither.</summary>
    private static string[]? OidcTokenFor(SigningMode mode) => mode is KeylessSigning ? ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] : null;

    private ToolOptions Options() => new() { Environment = environment, InstallHint = InstallHint };
}
