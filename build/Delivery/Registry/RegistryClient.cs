using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Delivery.Resilience;
using Polly;
using Polly.Retry;
using Serilog;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// Reads manifests by tag or digest through the Docker Registry HTTP API v2 (<c>GET /v2/{repository}/manifests/{reference}</c>).
/// Authentication follows the registry's challenge (<see cref="RegistryAuthorizer"/>), once per client. A dropped connection, a timeout, 408, 429 or 5xx is retried
/// by <see cref="RetryPolicies"/> (jittered <see cref="Backoff"/>, or the registry's <c>Retry-After</c>); a 429 that
/// outlasts the attempts fails naming the rate limit. The caller's <see cref="HttpClient"/> carries each request's timeout.
/// </summary>
public sealed class RegistryClient(HttpClient http, string registry, RegistryCredentials? credentials, ILogger log)
{
    private readonly Uri endpoint = RegistryAddress.BaseUri(registry);
    private readonly RegistryAuthorizer authorizer = new(http, registry, credentials);
    private AuthenticationHeaderValue? authorization;
    private ResiliencePipeline<HttpResponseMessage>? reads;
    private ResiliencePipeline<HttpResponseMessage>? uploads;

    /// <summary>
    /// Attempts and waits for a transient failure (a dropped connection, a timeout, 408, 429, 5xx). The default suits a target that needs the answer
    /// (Cleanup); a report that must not hold up the build passes <see cref="Backoff.SingleAttempt"/>.
    /// </summary>
    public Backoff Backoff { get; init; } = Backoff.Default;

    /// <summary>The clock the waits between attempts run on; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

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
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, uri), repository, Pull, cancellationToken);
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

    /// <summary>True when the repository holds the blob already (<c>HEAD /v2/{repository}/blobs/{digest}</c>): no upload needed.</summary>
    public async Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(endpoint, $"v2/{repository}/blobs/{digest}");
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, uri), repository, PullPush, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw await FailureAsync(response, $"the blob {repository}@{digest}", cancellationToken),
        };
    }

    /// <summary>
    /// Uploads one blob in one request: <c>POST /v2/{repository}/blobs/uploads/</c> opens an upload, <c>PUT</c> to its
    /// Location with <c>?digest=</c> sends the bytes; the registry checks them against the digest.
    /// </summary>
    /// <param name="open">Opens the blob's content; called again for a retry.</param>
    public async Task UploadBlobAsync(string repository, BlobReference blob, Func<Stream> open, CancellationToken cancellationToken = default)
    {
        var start = new Uri(endpoint, $"v2/{repository}/blobs/uploads/");
        using var opened = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, start) { Content = new ByteArrayContent([]) },
            repository, PullPush, cancellationToken);
        if (opened.StatusCode != HttpStatusCode.Accepted || opened.Headers.Location is not { } location)
        {
            throw await FailureAsync(opened, $"opening an upload to {repository}", cancellationToken);
        }

        var session = location.IsAbsoluteUri ? location : new Uri(endpoint, location);
        var query = session.Query.TrimStart('?');
        var target = new UriBuilder(session) { Query = $"{(query.Length > 0 ? query + "&" : "")}digest={Uri.EscapeDataString(blob.Digest)}" }.Uri;
        using var uploaded = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, target) { Content = BlobContent(open(), blob.Size) },
            repository, PullPush, cancellationToken);
        if (uploaded.StatusCode != HttpStatusCode.Created)
        {
            throw await FailureAsync(uploaded, $"the upload of {blob.Digest} to {repository}", cancellationToken);
        }
    }

    /// <summary>
    /// <c>PUT /v2/{repository}/manifests/{reference}</c> (a tag, or the manifest's own digest to push without a tag);
    /// returns the digest the registry gives it, which must be the document's own.
    /// </summary>
    public async Task<string> PutManifestAsync(string repository, string reference, string mediaType, byte[] document,
        CancellationToken cancellationToken = default)
    {
        var uri = new Uri(endpoint, $"v2/{repository}/manifests/{reference}");
        var expected = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(document));
        using var response = await SendAsync(() =>
        {
            var content = new ByteArrayContent(document);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, uri) { Content = content };
        }, repository, PullPush, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await FailureAsync(response, $"the manifest {repository}:{reference}", cancellationToken);
        }

        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { Length: > 0 } header
            ? header
            : expected;
        return digest == expected
            ? digest
            : throw new BuildFailedException($"The registry {registry} stored the manifest {expected} as {digest}: it converted it. Nothing else was pushed under that name.");
    }

    private static StreamContent BlobContent(Stream stream, long size)
    {
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = size;
        return content;
    }

    /// <summary>The registry's own words for a refused request (its JSON <c>errors</c>, else the start of the body).</summary>
    private async Task<BuildFailedException> FailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = response.Content is null ? "" : (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        var detail = body.Length > 300 ? body[..300] + "…" : body;
        return new BuildFailedException(
            $"The registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase} to {what}{(detail.Length > 0 ? $": {detail}" : ".")}");
    }

    private const string Pull = "pull";
    private const string PullPush = "pull,push";

    /// <summary>A digest is <c>algorithm:hex</c>; a tag may not contain a colon.</summary>
    private static bool IsDigest(string reference) => reference.Contains(':', StringComparison.Ordinal);

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var mediaType in ManifestMediaTypes.All)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }

        return request;
    }

    /// <param name="request">Makes the request afresh for every attempt (a sent request, and its content, cannot be sent again).</param>
    /// <param name="access">The token scope's actions when the registry names none: <c>pull</c>, or <c>pull,push</c>.</param>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string repository, string access, CancellationToken cancellationToken)
    {
        var response = await SendWithRetriesAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthenticationChallenge.From(response.Headers);
        response.Dispose();
        authorization = await authorizer.AnswerAsync(challenge, repository, access, cancellationToken);

        response = await SendWithRetriesAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw new BuildFailedException(
                $"The registry {registry} rejected the credentials ({credentials?.ToString() ?? "anonymous"}) for {repository}: " +
                $"check --registry-username and REGISTRY_PASSWORD, or that GITHUB_TOKEN may {(access == Pull ? "read the package (packages: read)" : "write the package (packages: write)")}.");
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(Func<HttpRequestMessage> makeRequest, CancellationToken cancellationToken)
    {
        var attempts = 0;
        // The first attempt's request also tells which policy applies; every later attempt makes its own.
        HttpRequestMessage? first = makeRequest();
        var uri = first.RequestUri!;
        var pipeline = first.Method == HttpMethod.Get || first.Method == HttpMethod.Head
            ? reads ??= RetryPolicies.IdempotentReads(Backoff, Time, LogRetry)
            : uploads ??= RetryPolicies.RegistryUploads(Backoff, Time, LogRetry);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = first ?? makeRequest();
                first = null;
                request.Headers.Authorization = authorization;
                return await http.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new BuildFailedException($"The registry {registry} is unreachable ({uri}): {exception.Message}. Check --registry and the network.", exception);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter.From(response.Headers, Time.GetUtcNow());
            response.Dispose();
            throw new BuildFailedException(
                $"The registry {registry} is rate limiting this build: it answered 429 Too Many Requests for {uri} {attempts} time{(attempts == 1 ? "" : "s")} " +
                $"({RetryAfter.Describe(retryAfter)}{(retryAfter > RetryPolicies.MaximumServerWait ? ", longer than the build waits" : "")}). " +
                "Run again after that wait, log in to raise the registry's limit (--registry-username, REGISTRY_PASSWORD), or push less often.");
        }

        return response;
    }

    private void LogRetry(OnRetryArguments<HttpResponseMessage> retry)
    {
        if (retry.Outcome.Result is { } response)
        {
            log.Warning("The registry {Registry} answered {Status} for {Uri}; attempt {Next} of {Attempts} in {Delay:0.#} s",
                registry, (int)response.StatusCode, response.RequestMessage?.RequestUri, retry.AttemptNumber + 2, Backoff.Attempts, retry.RetryDelay.TotalSeconds);
        }
        else
        {
            log.Warning("The registry {Registry} is unreachable ({Message}); attempt {Next} of {Attempts} in {Delay:0.#} s",
                registry, retry.Outcome.Exception?.Message, retry.AttemptNumber + 2, Backoff.Attempts, retry.RetryDelay.TotalSeconds);
        }
    }
}
