using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Publish.Tests.Infrastructure;

/// <summary>
/// Pushes small images straight through the registry's HTTP API (blob uploads, manifest PUTs): platform manifests,
/// a multi-arch index, a cosign-style signature tagged <c>sha256-&lt;hex&gt;.sig</c> and an OCI referrer with a subject;
/// what a real multi-arch publish leaves, in milliseconds and without a Docker build.
/// </summary>
internal sealed class RegistryUploader(AuthenticatedRegistry registry, string repository) : IDisposable
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private readonly HttpClient http = new()
    {
        BaseAddress = new Uri($"http://{registry.Address}/"),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.Username}:{registry.Password}"))) },
    };

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
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var upload = location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
        var separator = upload.Query.Length > 0 ? "&" : "?";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await http.PutAsync(new Uri(upload + separator + "digest=" + Uri.EscapeDataString(digest)), body);
        put.EnsureSuccessStatusCode();
        return (digest, content.Length);
    }

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
