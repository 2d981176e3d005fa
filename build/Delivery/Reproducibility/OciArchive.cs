using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Delivery.MultiArch;
using Delivery.Registry;
using Tooling;

namespace Delivery.Reproducibility;

/// <summary>
/// An OCI image layout in a tar, as <c>docker buildx build --output type=oci,dest=FILE.tar</c> writes it:
/// <c>oci-layout</c>, <c>index.json</c> and <c>blobs/sha256/&lt;hex&gt;</c>. Opening reads the tar's headers once and
/// keeps where each entry's data lies; blobs are then read in place, so an archive of every platform's layers is never
/// held in memory. The image manifests are found up front (through nested indexes, without attestations), as every
/// question about the archive starts from them.
/// </summary>
public sealed class OciArchive
{
    private const string IndexEntry = "index.json";
    private const int MaxIndexDepth = 8;

    private readonly Dictionary<string, (long Offset, long Length)> entries;
    private readonly List<(OciDescriptor Manifest, TargetPlatform? Platform)> images = [];

    private OciArchive(string path, Dictionary<string, (long Offset, long Length)> entries)
    {
        Path = path;
        this.entries = entries;
    }

    public string Path { get; }

    /// <summary>The platforms of the archive's images, attestations left out; an image whose platform is unknown is not listed.</summary>
    public IReadOnlyList<TargetPlatform> Platforms =>
        [.. images.Select(image => image.Platform).OfType<TargetPlatform>().Distinct().Order()];

    public static OciArchive Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new BuildFailedException($"{path} does not exist: build it with docker buildx build --output type=oci,dest={path}.");
        }

        var entries = new Dictionary<string, (long Offset, long Length)>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(path))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                {
                    // DataOffset is where the data starts in a seekable archive: all a later read needs.
                    entries[EntryName(entry.Name)] = (entry.DataOffset, entry.Length);
                }
            }
        }

        if (!entries.ContainsKey(IndexEntry))
        {
            throw new InvalidDataException($"{path} has no {IndexEntry}: not an OCI image layout (build with --output type=oci).");
        }

        var archive = new OciArchive(path, entries);
        using (var index = JsonDocument.Parse(archive.OpenEntry(IndexEntry)))
        {
            archive.FindImages(index.RootElement, depth: 0);
        }

        return archive;
    }

    /// <summary>The digest of <paramref name="platform"/>'s image manifest: what two builds of one commit must agree on.</summary>
    public string ManifestDigest(TargetPlatform platform) => Select(platform).Digest;

    /// <summary><paramref name="platform"/>'s manifest and config, read from their blobs.</summary>
    public OciImage Image(TargetPlatform platform) => ReadImage(Select(platform));

    /// <summary>The archive's one image: a one-platform build, as DockerBuild keeps it for PushByDigest.</summary>
    public OciImage SingleImage() =>
        images.Select(image => image.Manifest).DistinctBy(manifest => manifest.Digest).ToList() is [var only]
            ? ReadImage(only)
            : throw new InvalidDataException($"{Path} holds {images.Count} images; expected the one image of a one-platform build.");

    /// <summary>A blob's bytes as stored (a layer still compressed), read in place; the caller disposes it.</summary>
    public Stream OpenBlob(string digest) => OpenEntry(BlobEntry(digest));

    /// <summary>
    /// A layer as a tar: gzip layers decompressed, uncompressed ones as they are. zstd is refused by name, as .NET has
    /// no zstd decoder; buildx writes gzip unless told <c>compression=zstd</c>.
    /// </summary>
    public Stream OpenLayer(OciDescriptor layer)
    {
        var mediaType = layer.MediaType;
        if (mediaType.EndsWith("zstd", StringComparison.Ordinal))
        {
            throw new BuildFailedException(
                $"{Path}: layer {layer.Digest} is {mediaType}, and zstd layers cannot be compared: build with compression=gzip (buildx's default).");
        }

        var gzip = mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".gzip", StringComparison.Ordinal);
        if (!gzip && !mediaType.EndsWith(".tar", StringComparison.Ordinal))
        {
            throw new BuildFailedException($"{Path}: layer {layer.Digest} is {mediaType}, not a tar layer (plain or gzip) this comparison reads.");
        }

        var blob = OpenBlob(layer.Digest);
        return gzip ? new GZipStream(blob, CompressionMode.Decompress) : blob;
    }

    /// <summary>
    /// Walks an index and the indexes it points at (buildx nests the platforms' index inside index.json), keeping image
    /// manifests and skipping attestations. An entry without a platform takes its config's, so a single-platform
    /// archive can still be asked for its platform by name.
    /// </summary>
    private void FindImages(JsonElement index, int depth)
    {
        if (depth > MaxIndexDepth)
        {
            throw new InvalidDataException($"{Path}: image indexes nested more than {MaxIndexDepth} deep.");
        }

        if (!index.TryGetProperty("manifests", out var manifests))
        {
            return;
        }

        foreach (var descriptor in manifests.EnumerateArray().Select(OciDescriptor.FromJson).Where(descriptor => !descriptor.IsAttestation))
        {
            var mediaType = descriptor.MediaType;
            if (mediaType is "")
            {
                using var document = ReadJson(descriptor.Digest);
                mediaType = document.RootElement.TryGetProperty("mediaType", out var inner) ? inner.GetString() ?? ""
                    : document.RootElement.TryGetProperty("manifests", out _) ? ManifestMediaTypes.OciIndex
                    : ManifestMediaTypes.OciManifest;
            }

            if (ManifestMediaTypes.IsIndex(mediaType))
            {
                using var nested = ReadJson(descriptor.Digest);
                FindImages(nested.RootElement, depth + 1);
            }
            else if (mediaType is ManifestMediaTypes.OciManifest or ManifestMediaTypes.DockerManifest)
            {
                images.Add((descriptor, descriptor.Platform ?? ReadImage(descriptor).Platform));
            }
        }
    }

    /// <summary>
    /// The one image for <paramref name="platform"/>; a lone image that declares no platform anywhere stands for any,
    /// as a single-platform build may not say which it is.
    /// </summary>
    private OciDescriptor Select(TargetPlatform platform)
    {
        var wanted = Canonical(platform);
        var matches = images.Where(image => image.Platform is { } found && Canonical(found) == wanted)
            .Select(image => image.Manifest)
            .DistinctBy(manifest => manifest.Digest)
            .ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            throw new InvalidDataException(
                $"{Path} holds {matches.Count} different images for {platform}: {string.Join(", ", matches.Select(manifest => manifest.Digest))}.");
        }

        if (images is [{ Platform: null } lone])
        {
            return lone.Manifest;
        }

        var present = images.Count == 0
            ? "no image at all"
            : string.Join(", ", images.Select(image => image.Platform?.ToString() ?? "an image without a platform").Distinct().Order(StringComparer.Ordinal));
        throw new BuildFailedException($"{Path} has no image for {platform}; it holds {present}.");
    }

    /// <summary>arm64's only variant is v8, which some tools write and others leave out: both mean the same platform.</summary>
    private static TargetPlatform Canonical(TargetPlatform platform) =>
        platform is { Architecture: "arm64", Variant: "v8" } ? platform with { Variant = null } : platform;

    private OciImage ReadImage(OciDescriptor manifest)
    {
        using var document = ReadJson(manifest.Digest);
        var root = document.RootElement;
        var configDescriptor = OciDescriptor.FromJson(root.GetProperty("config"));
        using var config = ReadJson(configDescriptor.Digest);
        var annotations = root.TryGetProperty("annotations", out var values)
            ? values.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var layers = root.TryGetProperty("layers", out var list) ? list.EnumerateArray().Select(OciDescriptor.FromJson).ToList() : [];
        return new OciImage(manifest.Platform ?? OciDescriptor.PlatformOf(config.RootElement), manifest, annotations, configDescriptor,
            config.RootElement.Clone(), layers);
    }

    /// <summary>A JSON blob (index, manifest, config), checked against its digest: the digests are what is compared.</summary>
    private JsonDocument ReadJson(string digest) => JsonDocument.Parse(ReadSmallBlob(digest));

    /// <summary>A small blob's bytes (a manifest, a config), checked against its digest: a manifest is uploaded exactly as built.</summary>
    public byte[] ReadSmallBlob(string digest)
    {
        using var blob = OpenBlob(digest);
        var bytes = new byte[blob.Length];
        blob.ReadExactly(bytes);
        var actual = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";
        return digest.StartsWith("sha256:", StringComparison.Ordinal) && actual != digest
            ? throw new InvalidDataException($"{Path}: blob {digest} holds bytes whose digest is {actual}: the archive is damaged.")
            : bytes;
    }

    private ArchiveSlice OpenEntry(string name) =>
        entries.TryGetValue(name, out var entry)
            ? ArchiveSlice.Open(Path, entry.Offset, entry.Length)
            : throw new InvalidDataException($"{Path} has no {name}: the archive is incomplete.");

    private static string BlobEntry(string digest)
    {
        var parts = digest.Split(':');
        return parts.Length == 2 && parts.All(part => part.Length > 0 && part.All(char.IsAsciiLetterOrDigit))
            ? $"blobs/{parts[0]}/{parts[1]}"
            : throw new InvalidDataException($"'{digest}' is not a digest (algorithm:hex).");
    }

    /// <summary><c>./blobs/sha256/…</c> and <c>blobs/sha256/…</c> are the same entry; tar writers differ in the prefix.</summary>
    private static string EntryName(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name.TrimStart('/');
}
