using Delivery.MultiArch;

namespace Delivery.Reproducibility;

/// <summary>
/// Compares one platform's image in two OCI archives of the same commit. Equal manifest digests settle it; otherwise
/// both images are unpacked (each layer streamed once) and what differs is listed, cause by cause: config fields,
/// manifest annotations, layers whose bytes differ with the same files (compression, tar headers) or whose differences
/// a later layer hides, and the final files.
/// </summary>
public static class ImageComparison
{
    /// <summary>Enough to see a pattern; every file's mtime differing would otherwise be a report as long as the image.</summary>
    public const int DefaultMaxDifferences = 1000;

    internal const string First = "first build";
    internal const string Second = "second build";

    /// <summary>
    /// The digests of <paramref name="platform"/>'s manifests and, when they differ, the differences: config lines,
    /// then manifest lines (each group sorted), then layers by number, then files by path. Past
    /// <paramref name="maxDifferences"/> lines the rest are counted in a last line, never dropped unsaid.
    /// </summary>
    public static ImageDifference Compare(OciArchive first, OciArchive second, TargetPlatform platform, int maxDifferences = DefaultMaxDifferences)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDifferences, 1);
        var firstDigest = first.ManifestDigest(platform);
        var secondDigest = second.ManifestDigest(platform);
        if (firstDigest == secondDigest)
        {
            return new ImageDifference(platform, firstDigest, secondDigest, []);
        }

        var firstImage = first.Image(platform);
        var secondImage = second.Image(platform);
        var firstTree = ImageFileTree.Read(first, firstImage);
        var secondTree = ImageFileTree.Read(second, secondImage);
        var files = FileComparison.Differences(firstTree.Files, secondTree.Files).ToList();
        var lines = new List<string>();
        lines.AddRange(ConfigComparison.Differences(firstImage.Config, secondImage.Config));
        lines.AddRange(ManifestDifferences(firstImage, secondImage));
        lines.AddRange(LayerDifferences(firstImage, secondImage, firstTree, secondTree, files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal)));
        lines.AddRange(files.Select(file => file.Line));
        if (lines.Count == 0)
        {
            lines.Add("manifest: bytes differ (same config, annotations and layers)");
        }

        return new ImageDifference(platform, firstDigest, secondDigest, Capped(lines, maxDifferences));
    }

    /// <summary><c>subject a vs b</c>, <c>subject a only in the first build</c>, or null where both are the same.</summary>
    internal static string? Difference(string subject, string? first, string? second) =>
        (first, second) switch
        {
            (null, null) => null,
            (_, null) => $"{subject} {Shown(first)} only in the {First}",
            (null, _) => $"{subject} {Shown(second)} only in the {Second}",
            _ when first == second => null,
            _ => $"{subject} {Shown(first)} vs {Shown(second)}",
        };

    private static string Shown(string value) => value.Length == 0 ? "\"\"" : value;

    private static IEnumerable<string> ManifestDifferences(OciImage first, OciImage second)
    {
        var mediaType = Difference("manifest: media type", first.Manifest.MediaType, second.Manifest.MediaType);
        var annotations = first.Annotations.Keys.Union(second.Annotations.Keys)
            .Order(StringComparer.Ordinal)
            .Select(key => Difference($"manifest: annotation {key}", first.Annotations.GetValueOrDefault(key), second.Annotations.GetValueOrDefault(key)));
        return new[] { mediaType }.Concat(annotations).OfType<string>();
    }

    /// <summary>
    /// Layers whose digests differ: the same uncompressed tar (diff ID) means only the compression differs; otherwise
    /// the layer's own entries are compared, and what the final tree does not already show (a file a later layer
    /// replaces, a whiteout) is listed under the layer's number, counted from 1 at the bottom.
    /// </summary>
    private static IEnumerable<string> LayerDifferences(OciImage first, OciImage second, ImageFileTree firstTree, ImageFileTree secondTree,
        HashSet<string> visible)
    {
        if (first.Layers.Count != second.Layers.Count)
        {
            yield return $"layers: {first.Layers.Count} vs {second.Layers.Count}";
        }

        for (var index = 0; index < Math.Min(first.Layers.Count, second.Layers.Count); index++)
        {
            var (a, b, number) = (first.Layers[index], second.Layers[index], index + 1);
            if (a.Digest == b.Digest)
            {
                continue;
            }

            if (Difference($"layer {number}: media type", a.MediaType, b.MediaType) is { } mediaType)
            {
                yield return mediaType;
            }

            if (index < first.DiffIds.Count && index < second.DiffIds.Count && first.DiffIds[index] == second.DiffIds[index])
            {
                yield return $"layer {number}: compressed bytes differ (same files)";
                continue;
            }

            var entries = FileComparison.Differences(firstTree.Layers[index], secondTree.Layers[index]).ToList();
            if (entries.Count == 0)
            {
                yield return $"layer {number}: uncompressed tar differs (same files: entry order or tar headers such as owner names)";
            }

            foreach (var (_, line) in entries.Where(entry => !visible.Contains(entry.Path)))
            {
                yield return $"layer {number}: {line}";
            }
        }
    }

    private static List<string> Capped(List<string> lines, int maxDifferences)
    {
        var left = lines.Count - maxDifferences;
        return left <= 0
            ? lines
            : [.. lines.Take(maxDifferences), $"… and {left} more {(left == 1 ? "difference" : "differences")} left out (the first {maxDifferences} are listed)"];
    }
}
