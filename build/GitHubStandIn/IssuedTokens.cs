using System.Collections.Concurrent;

namespace GitHubStandIn;

/// <summary>
/// The GITHUB_TOKENs the API stand-in knows, each with its <see cref="TokenGrant"/>. Until the first is issued the
/// stub enforces nothing (every request is served, as the tests written before tokens expect); from then on every
/// route that declares a scope needs a known token holding it, and the GHCR stand-in takes these tokens as passwords.
/// </summary>
public sealed class IssuedTokens
{
    private readonly ConcurrentDictionary<string, TokenGrant> grants = new(StringComparer.Ordinal);
    private volatile bool enforcing;

    /// <summary>Whether a token was ever issued: then requests are checked (revoking every token does not turn the checks off).</summary>
    public bool Enforcing => enforcing;

    /// <summary>Makes <paramref name="token"/> valid with <paramref name="grant"/>; a token names one grant, so reissuing it is an error.</summary>
    public void Issue(string token, TokenGrant grant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!grants.TryAdd(token, grant))
        {
            throw new InvalidOperationException($"That token was already issued (to {grants[token].Holder ?? grants[token].Repository}); issue a fresh one per job.");
        }

        enforcing = true;
    }

    /// <summary>Ends the token, as GitHub does when its job ends: afterwards it is unknown (401 Bad credentials).</summary>
    public void Revoke(string token) => grants.TryRemove(token, out _);

    public TokenGrant? Find(string token) => grants.GetValueOrDefault(token);
}
