namespace Publish.Tests.Infrastructure;

/// <summary>A throw-away cosign key pair (cosign generate-key-pair, password through COSIGN_PASSWORD).</summary>
internal sealed class CosignKeyPair : IDisposable
{
    private readonly string directory;

    private CosignKeyPair(string directory, string password) => (this.directory, Password) = (directory, password);

    public string PrivateKey => Path.Combine(directory, "cosign.key");

    public string PublicKey => Path.Combine(directory, "cosign.pub");

    public string Password { get; }

    public static async Task<CosignKeyPair> GenerateAsync()
    {
        var pair = new CosignKeyPair(Directory.CreateTempSubdirectory("publish-tests-cosign-").FullName, $"cosign-{Guid.NewGuid():N}");
        await Tool.RunCheckedAsync("cosign", ["generate-key-pair"], pair.directory, new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = pair.Password });
        return pair;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
