using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Delivery.MultiArch;

namespace Delivery.Registry;

/// <summary>
/// Reads manifests over the registry HTTP API (distribution spec) without pulling anything: a tag's digest and the
/// compressed size of its layers. Answers a 401 the way docker does: a bearer token from the challenge's realm
/// (anonymous, or with <see cref="RegistryCredentials"/> like GITHUB_TOKEN on ghcr.io), or basic authentication.
/// The caller's <see cref="HttpClient"/> carries the timeout.
/// </summary>
public sealed partial class RegistryManifestReader(HttpClient http, RegistryCredentials? credentials)
{
    private static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private AuthenticationHeaderValue? authorization;

    /// <summary>
    /// <paramref name="reference"/> (a tag or digest) in <paramref name="repository"/>; for an index, the manifest of
    /// <paramref name="platform"/>. Null when the registry has no such tag (404). Throws <see cref="HttpRequestException"/>
    /// for other answers and <see cref="TaskCanceledException"/> on a timeout.
    /// </summary>
    public async Task<ManifestSummary?> ReadAsync(string registry, string repository, string reference, TargetPlatform platform, CancellationToken cancellation = default)
    {
        // Concatenated, not resolved: a digest reference (sha256:…) would read as a URI scheme.
        Uri ManifestUri(string tagOrDigest) => new($"{RegistryAddress.BaseUri(registry)}v2/{repository}/manifests/{tagOrDigest}");
        var (found, json, digest) = await GetManifestAsync(ManifestUri(reference), cancellation);
        if (!found)
        {
            return null;
        }

        if (ImageIndexDocument.IsIndex(json))
        {
            var platforms = ImageIndexDocument.Platforms(json);
            if (!platforms.TryGetValue(platform, out var platformDigest))
            {
                throw new HttpRequestException($"{registry}/{repository}:{reference} has no {platform} image (it has {string.Join(", ", platforms.Keys)}).");
            }

            (found, json, _) = await GetManifestAsync(ManifestUri(platformDigest), cancellation);
            if (!found)
            {
                throw new HttpRequestException($"{registry}/{repository}@{platformDigest}, listed by {reference}, does not exist.");
            }
        }

        using var manifest = JsonDocument.Parse(json);
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(layer => layer.GetProperty("size").GetInt64()).ToList();
        return new ManifestSummary(digest, layers.Sum(), layers.Count);
    }

    private async Task<(bool Found, string Json, string Digest)> GetManifestAsync(Uri uri, CancellationToken cancellation)
    {
        using var response = await SendAsync(uri, cancellation);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (false, "", "");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var json = await response.Content.ReadAsStringAsync(cancellation);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : "";
        return (true, json, digest);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, CancellationToken cancellation)
    {
        var response = await http.SendAsync(ManifestRequest(uri), cancellation);
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.FirstOrDefault() is not { } challenge)
        {
            return response;
        }

        response.Dispose();
        authorization = await AuthorizeAsync(challenge, cancellation);
        return await http.SendAsync(ManifestRequest(uri), cancellation);
    }

    private HttpRequestMessage ManifestRequest(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var mediaType in ManifestMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        request.Headers.Authorization = authorization;
        return request;
    }

    private async Task<AuthenticationHeaderValue> AuthorizeAsync(AuthenticationHeaderValue challenge, CancellationToken cancellation)
    {
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicCredentials() ?? throw new HttpRequestException("The registry asks for a login (basic authentication), and the build has no credentials for it.");
        }

        var parameters = ChallengeParameters(challenge.Parameter ?? "");
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || !parameters.TryGetValue("realm", out var realm))
        {
            throw new HttpRequestException($"The registry asks for {challenge.Scheme} authentication, which this build does not speak.");
        }

        var query = string.Join('&', parameters.Where(pair => pair.Key is "service" or "scope").Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, query.Length > 0 ? $"{realm}?{query}" : realm);
        request.Headers.Authorization = BasicCredentials();
        using var response = await http.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The registry's token service ({realm}) answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
        var value = token.RootElement.TryGetProperty("token", out var tokenValue) ? tokenValue.GetString()
            : token.RootElement.TryGetProperty("access_token", out var accessToken) ? accessToken.GetString()
            : null;
        return new AuthenticationHeaderValue("Bearer", value ?? throw new HttpRequestException($"The registry's token service ({realm}) returned no token."));
    }

    private AuthenticationHeaderValue? BasicCredentials() =>
        credentials is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    /// <summary><c>realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"</c> as a dictionary.</summary>
    internal static Dictionary<string, string> ChallengeParameters(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match match in ChallengeParameter().Matches(parameter))
        {
            result[match.Groups["key"].Value] = match.Groups["value"].Value;
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<key>\\w+)=\"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex ChallengeParameter();
}
