using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using NUnit.Framework;

namespace TestSupport;

/// <summary>
/// Pushes small images straight through the registry's HTTP API (blob uploads, manifest PUTs): platform manifests,
/// a multi-arch index, a cosign-style signature tagged <c>sha256-&lt;hex&gt;.sig</c> and an OCI referrer with a subject;
/// what a real multi-arch publish leaves, in milliseconds and without a Docker build. The caller brings the
/// registry's credentials (Basic for an htpasswd registry, a Bearer token from GHCR's token service). Linked into the
/// test projects that push to a registry of their own (tests/Shared).
/// </summary>
internal sealed class RegistryUploader(string address, AuthenticationHeaderValue authorization, string repository) : IDisposable
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private readonly HttpClient http = new()
    {
        BaseAddress = new Uri($"http://{address}/"),
        DefaultRequestHeaders = { Authorization = authorization },
    };

    /// <summary>When set, each blob goes up in PATCH requests of this many bytes before the closing PUT, as a client streaming a layer does; else in one PUT.</summary>
    public int? ChunkSize { get; init; }

    /// <summary>A one-layer image for the platform; returns its manifest digest.</summary>
    public async Task<string> PushImageAsync(string os, string architecture, string? tag = null)
    {
        var config = await PushBlobAsync(JsonSerializer.SerializeToUtf8Bytes(new { architecture, os, rootfs = new { type = "layers", diff_ids = Array.Empty<string>() } }));
        var layer = await PushBlobAsync(RandomNumberGenerator.GetBytes(2048));
        return await PushManifestAsync(OciManifest, new
        {
            schemaVersion = 2,
            mediaType = OciManifest,
            config = Descriptor("application/vnd.oci.image.config.v1+json", config),
            layers = new[] { Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer) },
        }, tag);
    }

    /// <summary>An index over the platform manifests, tagged with each tag (or pushed by digest when there are none).</summary>
    public async Task<string> PushIndexAsync(IReadOnlyList<(string Digest, string Os, string Architecture)> platforms, params string[] tags)
    {
        var manifests = new List<object>();
        foreach (var platform in platforms)
        {
            manifests.Add(new
            {
                mediaType = OciManifest,
                digest = platform.Digest,
                size = await ManifestSizeAsync(platform.Digest),
                platform = new { os = platform.Os, architecture = platform.Architecture },
            });
        }

        var index = new { schemaVersion = 2, mediaType = OciIndex, manifests };
        var digest = await PushManifestAsync(OciIndex, index, null);
        foreach (var tag in tags)
        {
            await PushManifestAsync(OciIndex, index, tag);
        }

        return digest;
    }

    /// <summary>A manifest shaped like cosign's signature of <paramref name="subject"/>, under cosign's tag sha256-&lt;hex&gt;.sig.</summary>
    public async Task<string> PushCosignSignatureAsync(string subject)
    {
        var payload = await PushBlobAsync(JsonSerializer.SerializeToUtf8Bytes(new { critical = new { image = new { docker_manifest_digest = subject } } }));
        var config = await PushBlobAsync("{}"u8.ToArray());
        return await PushManifestAsync(OciManifest, new
        {
            schemaVersion = 2,
            mediaType = OciManifest,
            config = Descriptor("application/vnd.oci.image.config.v1+json", config),
            layers = new[] { Descriptor("application/vnd.dev.cosign.simplesigning.v1+json", payload) },
        }, subject.Replace(':', '-') + ".sig");
    }

    /// <summary>An attestation pushed as an OCI referrer: untagged, with <c>subject</c>.</summary>
    public async Task<string> PushReferrerAsync(string subject, long subjectSize)
    {
        var statement = await PushBlobAsync(JsonSerializer.SerializeToUtf8Bytes(new { predicateType = "https://cyclonedx.org/bom", subject }));
        var config = await PushBlobAsync("{}"u8.ToArray());
        return await PushManifestAsync(OciManifest, new
        {
            schemaVersion = 2,
            mediaType = OciManifest,
            artifactType = "application/vnd.in-toto+json",
            config = Descriptor("application/vnd.oci.empty.v1+json", config),
            layers = new[] { Descriptor("application/vnd.in-toto+json", statement) },
            subject = new { mediaType = OciIndex, digest = subject, size = subjectSize },
        }, null);
    }

    /// <summary>The manifest's size in bytes as the registry stores it.</summary>
    public async Task<long> ManifestSizeAsync(string digest)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{digest}");
        request.Headers.Accept.ParseAdd(OciIndex);
        request.Headers.Accept.ParseAdd(OciManifest);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    public void Dispose() => http.Dispose();

    private static object Descriptor(string mediaType, (string Digest, long Size) blob) => new { mediaType, digest = blob.Digest, size = blob.Size };

    private async Task<(string Digest, long Size)> PushBlobAsync(byte[] content)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var start = await http.PostAsync($"v2/{repository}/blobs/uploads/", null);
        Assert.That(start.IsSuccessStatusCode, Is.True, $"Starting an upload to {repository} answered {(int)start.StatusCode}: {await start.Content.ReadAsStringAsync()}");
        var upload = UploadUrl(start);
        var sent = 0;
        while (ChunkSize is { } size && sent < content.Length)
        {
            var length = Math.Min(size, content.Length - sent);
            using var chunk = new ByteArrayContent(content, sent, length);
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var patch = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = chunk };
            patch.Content.Headers.TryAddWithoutValidation("Content-Range", $"{sent}-{sent + length - 1}");
            using var patched = await http.SendAsync(patch);
            Assert.That(patched.IsSuccessStatusCode, Is.True, $"Uploading bytes {sent}+{length} to {repository} answered {(int)patched.StatusCode}");
            upload = UploadUrl(patched);
            sent += length;
        }

        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var body = new ByteArrayContent(content, sent, content.Length - sent);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync(new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest)), body);
        put.EnsureSuccessStatusCode();
        return (digest, content.Length);
    }

    /// <summary>Where the upload goes on: the registry's Location, absolute or relative to it.</summary>
    private Uri UploadUrl(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute : new Uri(http.BaseAddress!, response.Headers.Location!);

    private async Task<string> PushManifestAsync(string mediaType, object manifest, string? tag)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(manifest);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await http.PutAsync($"v2/{repository}/manifests/{tag ?? digest}", body);
        Assert.That(put.IsSuccessStatusCode, Is.True, $"Pushing a manifest to {repository} answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
        return digest;
    }
}
