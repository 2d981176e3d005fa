using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delivery.Storage;

/// <summary>One version in the storage report; <see cref="Bytes"/> counts an index's platform manifests too.</summary>
public sealed record StorageReportVersion(long Id, string Digest, IReadOnlyList<string> Tags, string Group, DateTimeOffset UpdatedAt, long Bytes);

/// <summary>
/// A class of versions: how many, and the bytes they use with every blob counted once. Classes overlap where an
/// index's platform manifests form their own class, so the classes do not add up to <see cref="StorageReport.UniqueBytes"/>.
/// </summary>
public sealed record StorageReportGroup(string Name, int Versions, long UniqueBytes);

/// <summary>
/// What the package holds and what it weighs: per version (manifest, config and layers; an index with its
/// manifests), per class of tag, and in total with each blob counted once (what the registry stores).
/// <see cref="ManifestsMissing"/> counts listed versions the registry returned no manifest for: they weigh 0 here,
/// and Cleanup refuses to run while there are any, but a report of the rest is still worth having.
/// </summary>
public sealed record StorageReport(string Package, DateTimeOffset GeneratedAt, long UniqueBytes,
    IReadOnlyList<StorageReportGroup> Groups, IReadOnlyList<StorageReportVersion> Versions, int ManifestsMissing = 0, string? MissingNote = null)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static StorageReport Create(PackageCoordinates package, IReadOnlyList<StoredVersion> versions, ReferenceGraph graph, string defaultBranch,
        DateTimeOffset now)
    {
        var rows = versions
            .Select(version => new StorageReportVersion(version.Id, version.Digest, version.Tags, StorageGroup.Of(version, graph, defaultBranch),
                version.UpdatedAt, graph.SizeOf(version.Digest)))
            .OrderBy(row => IndexOf(row.Group))
            .ThenByDescending(row => row.UpdatedAt)
            .ToList();
        var groups = rows.GroupBy(row => row.Group)
            .OrderBy(group => IndexOf(group.Key))
            .Select(group => new StorageReportGroup(group.Key, group.Count(), CountUniqueBytes(group.Select(row => row.Digest), graph)))
            .ToList();
        return new StorageReport(package.ToString(), now, CountUniqueBytes(versions.Select(version => version.Digest), graph), groups, rows,
            graph.MissingManifests.Count, MissingManifests.Describe(graph));
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"### Storage of {Package}",
            "",
            string.Create(CultureInfo.InvariantCulture, $"{Versions.Count} versions, {ByteSizeText.Format(UniqueBytes)} stored (each blob counted once)."),
            "",
        };
        if (ManifestsMissing > 0)
        {
            lines.AddRange([
                string.Create(CultureInfo.InvariantCulture,
                    $"**Manifests missing: {ManifestsMissing}.** {MissingNote} Those versions count as 0 bytes here, and Cleanup deletes nothing until every manifest is read."),
                "",
            ]);
        }

        lines.AddRange(["| Class | Versions | Size (unique blobs) |", "|---|---:|---:|"]);
        lines.AddRange(Groups.Select(group => string.Create(CultureInfo.InvariantCulture, $"| {group.Name} | {group.Versions} | {ByteSizeText.Format(group.UniqueBytes)} |")));
        lines.AddRange(["", "| Id | Digest | Tags | Class | Last push | Size |", "|---:|---|---|---|---|---:|"]);
        lines.AddRange(Versions.Select(row => string.Create(CultureInfo.InvariantCulture,
            $"| {row.Id} | `{Short(row.Digest)}` | {Tags(row.Tags)} | {row.Group} | {row.UpdatedAt:yyyy-MM-dd HH:mm} | {ByteSizeText.Format(row.Bytes)} |")));
        return string.Join("\n", lines) + "\n";
    }

    internal static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "—" : string.Join(", ", tags.Select(tag => $"`{tag}`"));

    internal static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private static long CountUniqueBytes(IEnumerable<string> digests, ReferenceGraph graph)
    {
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var digest in digests)
        {
            foreach (var (blob, size) in graph.BlobsOf(digest))
            {
                blobs[blob] = size;
            }
        }

        return blobs.Values.Sum();
    }

    private static int IndexOf(string group) => StorageGroup.InOrder.ToList().IndexOf(group);
}
