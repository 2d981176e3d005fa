using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Delivery.MultiArch;

namespace Delivery.Tests.Reproducibility;

/// <summary>
/// Writes OCI image layout tars shaped like <c>buildx --output type=oci</c>'s: <c>oci-layout</c>, <c>index.json</c> and
/// <c>blobs/sha256/…</c>, each image a manifest with a config and its layers; optionally the platforms' index nested in
/// index.json and a BuildKit attestation manifest (platform unknown/unknown, in-toto layer) beside each image.
/// </summary>
internal static class TestOciLayout
{
    private const string IndexMediaType = "application/vnd.oci.image.index.v1+json";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";

    /// <summary>Writes the archive; returns each image's manifest digest by platform, for tests to check a selection against.</summary>
    public static IReadOnlyDictionary<TargetPlatform, string> Write(string path, IEnumerable<TestImage> images, bool nested = false, bool attestations = false)
    {
        var blobs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var digests = new Dictionary<TargetPlatform, string>();
        var descriptors = new JsonArray();
        foreach (var image in images)
        {
            var manifest = Manifest(image, blobs);
            digests[image.Platform] = manifest["digest"]!.GetValue<string>();
            descriptors.Add(manifest);
            if (attestations)
            {
                descriptors.Add(Attestation(manifest["digest"]!.GetValue<string>(), blobs));
            }
        }

        var index = Index(descriptors);
        if (nested)
        {
            var inner = Descriptor(IndexMediaType, Add(blobs, index));
            inner["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = "2026-12-06T10:00:00Z" };
            index = Index([inner]);
        }

        using var stream = System.IO.File.Create(path);
        using var writer = new TarWriter(stream, TarEntryFormat.Pax);
        WriteEntry(writer, "blobs/", null);
        WriteEntry(writer, "blobs/sha256/", null);
        foreach (var (digest, bytes) in blobs)
        {
            WriteEntry(writer, $"blobs/sha256/{digest["sha256:".Length..]}", bytes);
        }

        WriteEntry(writer, "index.json", Encoding.UTF8.GetBytes(index.ToJsonString()));
        WriteEntry(writer, "oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray());
        return digests;
    }

    public static string Sha256(byte[] bytes) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    private static JsonObject Manifest(TestImage image, SortedDictionary<string, byte[]> blobs)
    {
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        var history = new JsonArray();
        foreach (var (layer, number) in image.Layers.Select((layer, index) => (layer, index + 1)))
        {
            layers.Add(Descriptor(layer.MediaType, Add(blobs, layer.Blob())));
            diffIds.Add(Sha256(layer.Tar()));
            history.Add(new JsonObject { ["created"] = image.Created, ["created_by"] = $"COPY layer {number} # buildkit" });
        }

        var labels = new JsonObject();
        foreach (var (name, value) in image.Labels)
        {
            labels[name] = value;
        }

        var config = new JsonObject
        {
            ["created"] = image.Created,
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray([.. image.Env.Select(variable => (JsonNode)variable)]),
                ["Entrypoint"] = new JsonArray("dotnet", "Gateway.dll"),
                ["WorkingDir"] = "/app",
                ["Labels"] = labels,
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            ["history"] = history,
        };
        if (image.PlatformInConfig)
        {
            AddPlatform(config, image.Platform);
        }

        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(ConfigMediaType, Add(blobs, config)),
            ["layers"] = layers,
        };
        var descriptor = Descriptor(ManifestMediaType, Add(blobs, manifest));
        if (image.PlatformInIndex)
        {
            var platform = new JsonObject();
            AddPlatform(platform, image.Platform);
            descriptor["platform"] = platform;
        }

        return descriptor;
    }

    /// <summary>A provenance manifest as BuildKit attaches one: an in-toto statement as its only "layer", which no tar reader could read.</summary>
    private static JsonObject Attestation(string subject, SortedDictionary<string, byte[]> blobs)
    {
        var statement = Add(blobs, """{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2"}"""u8.ToArray());
        var config = Add(blobs, """{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"""u8.ToArray());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor(ConfigMediaType, config),
            ["layers"] = new JsonArray(Descriptor("application/vnd.in-toto+json", statement)),
        };
        var descriptor = Descriptor(ManifestMediaType, Add(blobs, manifest));
        descriptor["platform"] = new JsonObject { ["architecture"] = "unknown", ["os"] = "unknown" };
        descriptor["annotations"] = new JsonObject
        {
            ["vnd.docker.reference.digest"] = subject,
            ["vnd.docker.reference.type"] = "attestation-manifest",
        };
        return descriptor;
    }

    private static JsonObject Index(JsonArray manifests) =>
        new() { ["schemaVersion"] = 2, ["mediaType"] = IndexMediaType, ["manifests"] = manifests };

    private static void AddPlatform(JsonObject target, TargetPlatform platform)
    {
        target["architecture"] = platform.Architecture;
        target["os"] = platform.Os;
        if (platform.Variant is not null)
        {
            target["variant"] = platform.Variant;
        }
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob) =>
        new() { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };

    private static (string Digest, long Size) Add(SortedDictionary<string, byte[]> blobs, JsonObject document) =>
        Add(blobs, Encoding.UTF8.GetBytes(document.ToJsonString()));

    private static (string Digest, long Size) Add(SortedDictionary<string, byte[]> blobs, byte[] bytes)
    {
        var digest = Sha256(bytes);
        blobs[digest] = bytes;
        return (digest, bytes.Length);
    }

    private static void WriteEntry(TarWriter writer, string name, byte[]? data)
    {
        var entry = new PaxTarEntry(data is null ? TarEntryType.Directory : TarEntryType.RegularFile, name) { ModificationTime = TestLayer.Epoch };
        if (data is not null)
        {
            entry.DataStream = new MemoryStream(data);
        }

        writer.WriteEntry(entry);
    }
}
