using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// The answer to a registry's 401 challenge: Basic sends the credentials; Bearer (GHCR) trades them (or nothing, for
/// an anonymous pull) for a token at the challenge's realm, scoped to the repository and the access asked for.
/// </summary>
internal sealed class RegistryAuthorizer(HttpClient http, string registry, RegistryCredentials? credentials)
{
    /// <summary>The Authorization header that answers <paramref name="challenge"/>, or a failure that names the fix.</summary>
    /// <param name="access">The token scope's actions when the registry names none: <c>pull</c>, or <c>pull,push</c>.</param>
    public async Task<AuthenticationHeaderValue> AnswerAsync(AuthenticationChallenge? challenge, string repository, string access,
        CancellationToken cancellationToken) => challenge switch
        {
            { IsBearer: true } => new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(challenge, repository, access, cancellationToken)),
            { IsBasic: true } when credentials is not null => BasicCredentials(),
            { IsBasic: true } => throw new BuildFailedException(
                $"The registry {registry} requires credentials: pass --registry-username and set REGISTRY_PASSWORD (on ghcr.io any user name with GITHUB_TOKEN)."),
            _ => throw new BuildFailedException($"The registry {registry} answered 401 without a challenge this build understands ({challenge?.Scheme ?? "none"})."),
        };

    /// <summary>The distribution token protocol: GET realm?service=…&amp;scope=…, with the credentials as Basic when there are any.</summary>
    private async Task<string> FetchTokenAsync(AuthenticationChallenge challenge, string repository, string access, CancellationToken cancellationToken)
    {
        var realm = challenge.Realm ?? throw new BuildFailedException($"The registry {registry} asked for a Bearer token without naming a realm.");
        var scope = challenge.Parameters.GetValueOrDefault("scope") ?? $"repository:{repository}:{access}";
        var query = new List<string> { $"scope={Uri.EscapeDataString(scope)}" };
        if (challenge.Parameters.GetValueOrDefault("service") is { } service)
        {
            query.Insert(0, $"service={Uri.EscapeDataString(service)}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{realm}?{string.Join('&', query)}"));
        request.Headers.Authorization = credentials is null ? null : BasicCredentials();
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BuildFailedException(
                $"The registry {registry}'s token service ({realm}) refused a {access} token for {repository}: {(int)response.StatusCode} {response.ReasonPhrase}. " +
                "Check --registry-username and REGISTRY_PASSWORD (on ghcr.io: GITHUB_TOKEN with packages: read or write).");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (body.RootElement.TryGetProperty("token", out var token) ? token.GetString() : null)
               ?? (body.RootElement.TryGetProperty("access_token", out var accessToken) ? accessToken.GetString() : null)
               ?? throw new BuildFailedException($"The registry {registry}'s token service ({realm}) answered without a token.");
    }

    private AuthenticationHeaderValue BasicCredentials() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials!.Username}:{credentials.Password}")));
}
