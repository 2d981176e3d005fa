using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Delivery.Registry;
using GitHubStandIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Delivery.Tests.Registry;

/// <summary>
/// A registry that logs in as GHCR does, on loopback Kestrel: <c>/v2/…</c> answers 401 with a Bearer challenge
/// naming <c>/token</c> on the same port, the token service hands out a token only for the right Basic credentials,
/// and the registry serves <see cref="Repository"/>'s one image manifest (tag <see cref="Tag"/>) only with
/// <c>Bearer &lt;token&gt;</c>. docker-registry's own token mode needs a signing setup; this is the protocol alone.
/// </summary>
internal sealed class TokenRegistry : IAsyncDisposable
{
    public const string Repository = "acme/gateway";
    public const string Tag = "1.0.0";
    public const string Service = "registry.test";
    public const string Username = "ci-bot";
    public const string Password = "registry-password-0123456789";
    public const string Scope = $"repository:{Repository}:pull";

    private const string Token = "pull-token-abcdef";

    private readonly ConcurrentQueue<string> requests = new();
    private WebApplication app = null!;

    private TokenRegistry()
    {
    }

    /// <summary>What the build would pass as --registry: <c>127.0.0.1:port</c>.</summary>
    public string Address { get; private set; } = null!;

    /// <summary>The manifest document as stored: an image manifest with a config and two layers.</summary>
    public static byte[] Manifest { get; } = Encoding.UTF8.GetBytes($$"""
        {"schemaVersion":2,"mediaType":"{{ManifestMediaTypes.OciManifest}}",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{{new string('c', 64)}}","size":1200},
         "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{{new string('1', 64)}}","size":3000000},
                   {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:{{new string('2', 64)}}","size":450000}]}
        """);

    public static string Digest { get; } = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Manifest));

    /// <summary>When set, every manifest request answers this status (the registry's bad day), after the login.</summary>
    public int? Failure { get; set; }

    /// <summary>
    /// Refusals to answer the next manifest requests with, one each, after the login: a status and the
    /// <c>Retry-After</c> header to send with it (null: none).
    /// </summary>
    public ConcurrentQueue<(int Status, string? RetryAfter)> Refusals { get; } = new();

    /// <summary>Every request as <c>path Authorization-scheme</c>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public static async Task<TokenRegistry> StartAsync()
    {
        var registry = new TokenRegistry();
        (registry.app, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                var scheme = context.Request.Headers.Authorization.ToString().Split(' ')[0];
                registry.requests.Enqueue($"{context.Request.Path} {(scheme.Length > 0 ? scheme : "anonymous")}");
                await next(context);
            });
            app.MapGet("/token", registry.IssueToken);
            app.MapGet("/v2/{**path}", registry.ServeManifest);
        });
        registry.Address = address.Authority;
        return registry;
    }

    private IResult IssueToken(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (context.Request.Headers.Authorization != expected)
        {
            return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "authentication required" } } }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return context.Request.Query["service"] == Service && context.Request.Query["scope"] == Scope
            ? Results.Json(new { token = Token })
            : Results.StatusCode(StatusCodes.Status400BadRequest);
    }

    private IResult ServeManifest(HttpContext context, string path)
    {
        if (context.Request.Headers.Authorization != $"Bearer {Token}")
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{Address}/token\",service=\"{Service}\",scope=\"{Scope}\"";
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (Failure is { } status)
        {
            return Results.StatusCode(status);
        }

        if (Refusals.TryDequeue(out var refusal))
        {
            if (refusal.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Results.StatusCode(refusal.Status);
        }

        if (path != $"{Repository}/manifests/{Tag}" && path != $"{Repository}/manifests/{Digest}")
        {
            return Results.NotFound();
        }

        context.Response.Headers["Docker-Content-Digest"] = Digest;
        return Results.Bytes(Manifest, ManifestMediaTypes.OciManifest);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
