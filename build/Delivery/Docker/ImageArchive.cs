using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;

namespace Delivery.Docker;

/// <summary>
/// Reads a <c>docker save</c> archive (the legacy layout, <c>&lt;id&gt;/layer.tar</c>, and the OCI one, <c>blobs/sha256/…</c>;
/// <c>manifest.json</c> names the layers in both) and measures each layer gzipped at the default level, as
/// <c>docker push</c> compresses it: the compressed size of an image that was never pushed.
/// </summary>
public static class ImageArchive
{
    private const string ManifestEntry = "manifest.json";

    /// <summary>The layers of the archive's (first) image, in order, each with its size as stored and gzipped.</summary>
    public static async Task<IReadOnlyList<LayerSize>> MeasureLayersAsync(string archivePath, CancellationToken cancellation = default)
    {
        var (layerNames, links) = await ReadIndexAsync(archivePath, cancellation);
        // A layer the image holds twice is stored once; the legacy layout links the second to the first.
        string Stored(string name) => links.TryGetValue(name, out var target) ? target : name;
        var wanted = layerNames.Select(Stored).ToHashSet(StringComparer.Ordinal);
        var measured = new Dictionary<string, LayerSize>(StringComparer.Ordinal);
        await using (var archive = File.OpenRead(archivePath))
        await using (var reader = new TarReader(archive))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellation) is { } entry)
            {
                if (entry.DataStream is { } data && wanted.Contains(entry.Name) && !measured.ContainsKey(entry.Name))
                {
                    measured[entry.Name] = new LayerSize(entry.Length, await GzippedLengthAsync(data, cancellation));
                }
            }
        }

        var missing = layerNames.Where(name => !measured.ContainsKey(Stored(name))).ToList();
        return missing.Count == 0
            ? [.. layerNames.Select(name => measured[Stored(name)])]
            : throw new InvalidDataException($"{archivePath}: manifest.json names layers the archive does not hold: {string.Join(", ", missing)}.");
    }

    /// <summary>The layers manifest.json lists, and every link in the archive (its name → the entry it points at).</summary>
    private static async Task<(List<string> Layers, Dictionary<string, string> Links)> ReadIndexAsync(string archivePath, CancellationToken cancellation)
    {
        List<string>? layers = null;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var archive = File.OpenRead(archivePath);
        await using var reader = new TarReader(archive);
        while (await reader.GetNextEntryAsync(copyData: false, cancellation) is { } entry)
        {
            if (entry.Name == ManifestEntry && entry.DataStream is { } data)
            {
                using var manifest = await JsonDocument.ParseAsync(data, cancellationToken: cancellation);
                layers = [.. manifest.RootElement[0].GetProperty("Layers").EnumerateArray().Select(layer => layer.GetString()!)];
            }
            else if (entry.EntryType is TarEntryType.SymbolicLink)
            {
                links[entry.Name] = Normalise($"{Path.GetDirectoryName(entry.Name)}/{entry.LinkName}");
            }
            else if (entry.EntryType is TarEntryType.HardLink)
            {
                links[entry.Name] = Normalise(entry.LinkName);
            }
        }

        return layers is null
            ? throw new InvalidDataException($"{archivePath} has no {ManifestEntry}: not a docker save archive.")
            : (layers, links);
    }

    /// <summary><c>b/../a/layer.tar</c> → <c>a/layer.tar</c>: an archive path with <c>.</c> and <c>..</c> resolved.</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The layer gzipped into a counter; a layer that is gzip already (gzip magic 1f 8b) counts as it is.</summary>
    private static async Task<long> GzippedLengthAsync(Stream layer, CancellationToken cancellation)
    {
        var head = new byte[2];
        var read = await layer.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellation);
        var counter = new ByteCountingStream();
        if (read == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            await counter.WriteAsync(head, cancellation);
            await layer.CopyToAsync(counter, cancellation);
            return counter.BytesWritten;
        }

        await using (var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(head.AsMemory(0, read), cancellation);
            await layer.CopyToAsync(gzip, cancellation);
        }

        return counter.BytesWritten;
    }
}
