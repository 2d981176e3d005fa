using System.Security.Cryptography;
using System.Text;
using Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Security;

/// <summary>The configured clients' key digests, decoded once.</summary>
public sealed class ApiKeyDirectory(IOptions<ApiKeyOptions> options)
{
    private readonly (string Client, byte[] Digest)[] _clients = options.Value.Clients
        .Select(pair => (pair.Key, Convert.FromHexString(pair.Value.Sha256)))
        .ToArray();

    public string Header { get; } = options.Value.Header;

    /// <summary>The client whose key this is, or null.</summary>
    public string? Find(string presentedKey)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        string? match = null;

        // No early exit: every digest is compared whatever the outcome.
        foreach (var (client, digest) in _clients)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, digest))
            {
                match = client;
            }
        }

        return match;
    }
}
