using System.Security.Cryptography;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// What a job with <c>id-token: write</c> signs with here: there is no OIDC provider (nor Fulcio and Rekor) offline,
/// so the rehearsal makes one cosign key pair and hands it to such jobs as the build's COSIGN_KEY and
/// COSIGN_PASSWORD, which it prefers to keyless signing. Keyless signing itself is not rehearsed (the report says so).
/// </summary>
public sealed class KeyedSigningStandIn(RehearsalTools tools, AbsolutePath directory)
{
    private Task<(string Key, string Password)>? keyPair;

    /// <summary>The variables for one job, with the private key copied into the job's own temp folder.</summary>
    public async Task<IReadOnlyDictionary<string, string>> VariablesForAsync(JobPaths job, Action<string> addSecret)
    {
        var (key, password) = await (keyPair ??= GenerateAsync(addSecret));
        var copy = job.Temp / "cosign.key";
        File.Copy(key, copy, overwrite: true);
        FileModes.SharedFile(copy);
        return new Dictionary<string, string> { ["COSIGN_KEY"] = copy, ["COSIGN_PASSWORD"] = password };
    }

    private async Task<(string, string)> GenerateAsync(Action<string> addSecret)
    {
        Directory.CreateDirectory(directory);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        addSecret(password);
        await tools.Cosign(["generate-key-pair", "--output-key-prefix", directory / "cosign"], new ToolOptions
        {
            WorkingDirectory = directory,
            Environment = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = password },
            InstallHint = "The rehearsal signs with a cosign key pair instead of keyless signing: install cosign (scripts/ci/setup-offline.sh).",
        });
        return (directory / "cosign.key", password);
    }
}
