using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace GitHubStandIn;

/// <summary>
/// GHCR's token service (<c>GET /token?service=ghcr.io&amp;scope=repository:acme/gateway:pull,push</c>): Basic
/// credentials whose password is a GITHUB_TOKEN the API stand-in issued (any user name, as on GHCR) buy a registry token
/// for the requested actions that token allows; no credentials buy an anonymous one that allows nothing; an unknown
/// password is refused. A <c>POST</c> (OAuth2) answers 405, which containerd and buildx take as "use GET".
/// </summary>
internal sealed class GhcrTokenService(IssuedTokens githubTokens, RequestLog log)
{
    private readonly ConcurrentDictionary<string, GhcrToken> issued = new(StringComparer.Ordinal);

    /// <summary>The registry token a request carries as <c>Bearer</c>; null for none or an unknown one.</summary>
    public GhcrToken? Find(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? issued.GetValueOrDefault(header["Bearer ".Length..].Trim())
            : null;

    public async Task IssueAsync(HttpContext context)
    {
        var request = RequestLog.Describe(context.Request);
        var secret = Credentials.IsBasic(context.Request) ? Credentials.SecretOf(context.Request) : null;
        var grant = secret is null ? null : githubTokens.Find(secret);
        if (Credentials.IsBasic(context.Request) && grant is null)
        {
            await GhcrAnswers.BadCredentialsAsync(context.Response);
            log.Add(request with { Status = context.Response.StatusCode, Access = AccessOutcome.BadCredentials });
            return;
        }

        var token = GhcrToken.For(grant, context.Request.Query["scope"].OfType<string>());
        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        issued[value] = token;
        await context.Response.WriteAsJsonAsync(new
        {
            token = value,
            access_token = value,
            expires_in = 300,
            issued_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        log.Add(request with { Status = context.Response.StatusCode, Holder = grant?.ToString() });
    }
}
