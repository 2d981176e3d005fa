using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BuildEngine;
using Serilog;

namespace Delivery.Registry;

/// <summary>
/// Reads manifests by tag or digest through the Docker Registry HTTP API v2 (<c>GET /v2/{repository}/manifests/{reference}</c>).
/// Authentication follows the registry's challenge: Basic sends the credentials; Bearer (GHCR) trades them for a
/// pull token at the challenge's realm, once per client. A 5xx or a dropped connection is retried with
/// <see cref="Backoff"/>; the caller's <see cref="HttpClient"/> carries the timeout of each request.
/// </summary>
public sealed class RegistryClient(HttpClient http, string registry, RegistryCredentials? credentials)
{
    private readonly Uri endpoint = RegistryAddress.BaseUri(registry);
    private AuthenticationHeaderValue? authorization;

    /// <summary>
    /// Attempts and waits for a 5xx or a dropped connection. The default suits a target that needs the answer
    /// (Cleanup); a report that must not hold up the build passes <see cref="Backoff.SingleAttempt"/>.
    /// </summary>
    public Backoff Backoff { get; init; } = Backoff.Default;

    /// <summary>Waits between attempts; tests replace it to keep time out of them.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The registry host as the build names it (<c>ghcr.io</c>, <c>127.0.0.1:5000</c>), for messages.</summary>
    public string Registry => registry;

    /// <summary>
    /// The manifest <paramref name="reference"/> (a tag, or a digest such as <c>sha256:…</c>) names, or null when the
    /// registry does not have it (404). Read by tag, its digest is the registry's Docker-Content-Digest.
    /// </summary>
    public async Task<Manifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(endpoint, $"v2/{repository}/manifests/{reference}");
        var named = IsDigest(reference) ? $"{repository}@{reference}" : $"{repository}:{reference}";
        using var response = await SendAsync(uri, repository, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new BuildFailedException(
                $"The registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase} for {named}. Check --registry and --image-name.");
        }

        var document = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(document));
        string digest;
        if (IsDigest(reference))
        {
            // A manifest fetched by digest must hash to it: anything else is a proxy's or a registry's conversion.
            if (reference.StartsWith("sha256:", StringComparison.Ordinal) && actual != reference)
            {
                throw new BuildFailedException(
                    $"The registry {registry} returned a manifest hashing to {actual} for {named}: it converted the manifest, so its references cannot be trusted.");
            }

            digest = reference;
        }
        else
        {
            // A tag has no digest to check against; the registry names what it points at (every registry sends the
            // header; the document's own hash stands in where one does not).
            digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } header
                ? header
                : actual;
        }

        return ManifestParser.Parse(digest, document, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A digest is <c>algorithm:hex</c>; a tag may not contain a colon.</summary>
    private static bool IsDigest(string reference) => reference.Contains(':', StringComparison.Ordinal);

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string repository, CancellationToken cancellationToken)
    {
        var response = await SendWithRetriesAsync(uri, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthenticationChallenge.From(response.Headers);
        response.Dispose();
        authorization = challenge switch
        {
            { IsBearer: true } => new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(challenge, repository, cancellationToken)),
            { IsBasic: true } when credentials is not null => BasicCredentials(),
            { IsBasic: true } => throw new BuildFailedException(
                $"The registry {registry} requires credentials: pass --registry-username and set REGISTRY_PASSWORD (on ghcr.io any user name with GITHUB_TOKEN)."),
            _ => throw new BuildFailedException($"The registry {registry} answered 401 without a challenge this build understands ({challenge?.Scheme ?? "none"})."),
        };

        response = await SendWithRetriesAsync(uri, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new BuildFailedException(
                $"The registry {registry} rejected the credentials ({credentials?.ToString() ?? "anonymous"}) for {repository}: " +
                "check --registry-username and REGISTRY_PASSWORD, or that GITHUB_TOKEN may read the package (packages: read).");
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            foreach (var mediaType in ManifestMediaTypes.All)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
            }

            request.Headers.Authorization = authorization;
            try
            {
                var response = await http.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt >= Backoff.Attempts)
                {
                    return response;
                }

                Log.Warning("The registry {Registry} answered {Status} for {Uri}; retrying", registry, (int)response.StatusCode, uri);
                response.Dispose();
            }
            catch (HttpRequestException exception) when (attempt < Backoff.Attempts)
            {
                Log.Warning("The registry {Registry} is unreachable ({Message}); retrying", registry, exception.Message);
            }
            catch (HttpRequestException exception)
            {
                throw new BuildFailedException($"The registry {registry} is unreachable ({uri}): {exception.Message}. Check --registry and the network.", exception);
            }

            await Delay(Backoff.DelayBefore(attempt + 1), cancellationToken);
        }
    }

    /// <summary>The distribution token protocol: GET realm?service=…&amp;scope=…, with the credentials as Basic when there are any.</summary>
    private async Task<string> FetchTokenAsync(AuthenticationChallenge challenge, string repository, CancellationToken cancellationToken)
    {
        var realm = challenge.Realm ?? throw new BuildFailedException($"The registry {registry} asked for a Bearer token without naming a realm.");
        var scope = challenge.Parameters.GetValueOrDefault("scope") ?? $"repository:{repository}:pull";
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
                $"The registry {registry}'s token service ({realm}) refused a pull token for {repository}: {(int)response.StatusCode} {response.ReasonPhrase}. " +
                "Check --registry-username and REGISTRY_PASSWORD (on ghcr.io: GITHUB_TOKEN with packages: read).");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (body.RootElement.TryGetProperty("token", out var token) ? token.GetString() : null)
               ?? (body.RootElement.TryGetProperty("access_token", out var accessToken) ? accessToken.GetString() : null)
               ?? throw new BuildFailedException($"The registry {registry}'s token service ({realm}) answered without a token.");
    }

    private AuthenticationHeaderValue BasicCredentials() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials!.Username}:{credentials.Password}")));
}
