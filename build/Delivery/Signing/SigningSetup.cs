using Serilog;
using Tooling;

namespace Delivery.Signing;

/// <summary>
/// How this run signs, decided once: a key pair when --cosign-key is given (anywhere), else keyless on GitHub
/// Actions, else a clear failure. Holds the variables cosign needs (COSIGN_PASSWORD) and the temporary key
/// files, deleted on dispose.
/// </summary>
public sealed class SigningSetup : IDisposable
{
    private readonly List<IDisposable> temporaryFiles = [];

    private SigningSetup(SigningMode mode, IReadOnlyDictionary<string, string?> environment) => (Mode, Environment) = (mode, environment);

    public SigningMode Mode { get; }

    /// <summary>Variables for cosign: the key's password, so it is never an argument.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    public static async Task<SigningSetup> CreateAsync(
        Tool cosign, IReadOnlyDictionary<string, string> environment, SigningKeys keys, string temporaryDirectory, ILogger log)
    {
        if (!string.IsNullOrEmpty(keys.PrivateKey))
        {
            return await KeyedAsync(cosign, keys, temporaryDirectory, log);
        }

        if (environment.GetValueOrDefault("GITHUB_ACTIONS") == "true")
        {
            return Keyless(environment, log);
        }

        throw new BuildFailedException(
            "Signing needs a key pair off GitHub Actions: set COSIGN_KEY (a path to cosign.key, or its PEM content) and " +
            "COSIGN_PASSWORD, and optionally --cosign-public-key. Create a pair with `cosign generate-key-pair`. See docs/security.md.");
    }

    public void Dispose()
    {
        foreach (var file in temporaryFiles)
        {
            file.Dispose();
        }
    }

    private static async Task<SigningSetup> KeyedAsync(Tool cosign, SigningKeys keys, string temporaryDirectory, ILogger log)
    {
        var environment = new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = keys.Password ?? "" };
        var files = new List<IDisposable>();
        try
        {
            var privateKey = CosignKeyFile.From(keys.PrivateKey!, temporaryDirectory, "COSIGN_KEY");
            files.Add(privateKey);
            string publicKeyPath;
            if (!string.IsNullOrEmpty(keys.PublicKey))
            {
                var publicKey = CosignKeyFile.From(keys.PublicKey, temporaryDirectory, "--cosign-public-key");
                files.Add(publicKey);
                publicKeyPath = publicKey.Path;
            }
            else
            {
                // No public key given: derive it, so the run still verifies what it signed.
                publicKeyPath = Path.Combine(temporaryDirectory, $"cosign-{Guid.NewGuid():N}.pub");
                files.Add(new DeleteOnDispose(publicKeyPath));
                await new CosignCli(cosign, environment, log).PublicKeyAsync(privateKey.Path, publicKeyPath);
            }

            log.Information("Signing with a key pair. Transparency log: off (--tlog-upload=false); verification skips it (--insecure-ignore-tlog=true).");
            var setup = new SigningSetup(new KeyedSigning(privateKey.Path, publicKeyPath), environment);
            setup.temporaryFiles.AddRange(files);
            return setup;
        }
        catch
        {
            files.ForEach(file => file.Dispose());
            throw;
        }
    }

    private static SigningSetup Keyless(IReadOnlyDictionary<string, string> environment, ILogger log)
    {
        if (string.IsNullOrEmpty(environment.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL")))
        {
            throw new BuildFailedException("Keyless signing needs an OIDC token: give the job `permissions: id-token: write` (or set COSIGN_KEY).");
        }

        var repository = environment.GetValueOrDefault("GITHUB_REPOSITORY")
            ?? throw new BuildFailedException("GITHUB_REPOSITORY is not set; keyless verification needs the repository's name.");
        var identity = KeylessIdentity.ForRun(repository, environment.GetValueOrDefault("GITHUB_REF") ?? "",
            environment.GetValueOrDefault("GITHUB_WORKFLOW_REF"));
        log.Information("Signing keyless (GitHub OIDC, Fulcio, Rekor); verifying against identity {Identity} and issuer {Issuer}",
            identity, KeylessIdentity.GitHubOidcIssuer);
        return new SigningSetup(new KeylessSigning(identity, KeylessIdentity.GitHubOidcIssuer), new Dictionary<string, string?>());
    }

    private sealed class DeleteOnDispose(string path) : IDisposable
    {
        public void Dispose()
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
