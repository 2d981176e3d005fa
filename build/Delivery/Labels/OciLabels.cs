using System.Globalization;
using Delivery.Events;

namespace Delivery.Labels;

/// <summary>
/// The org.opencontainers.image.* labels (and, for multi-arch indexes, the same keys as annotations: GHCR
/// reads the description from the index). <c>created</c> is the commit time, not the clock, so rebuilding one
/// commit gives identical labels and lets a build be reproducible.
/// </summary>
public static class OciLabels
{
    public const string Prefix = "org.opencontainers.image.";

    public static IReadOnlyDictionary<string, string> Create(
        EventContext context, string version, DateTimeOffset commitTime, ImageDescription description)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [Prefix + "created"] = commitTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [Prefix + "revision"] = context.Sha,
            [Prefix + "version"] = version,
            [Prefix + "title"] = description.Title,
            [Prefix + "description"] = description.Description,
            [Prefix + "licenses"] = description.Licenses,
        };
        if (context.RepositoryUrl is { } url)
        {
            labels[Prefix + "source"] = url;
            labels[Prefix + "url"] = url;
        }

        return labels;
    }

    /// <summary>
    /// The Dockerfile build argument a label comes from (<c>org.opencontainers.image.revision</c> → <c>REVISION</c>); null for
    /// the base image's labels, which the Dockerfile sets from the base it builds on (<see cref="Docker.BaseImages"/>).
    /// </summary>
    public static string? BuildArgument(string label) =>
        label.StartsWith(Prefix, StringComparison.Ordinal) && !label.StartsWith(Prefix + "base.", StringComparison.Ordinal)
            ? label[Prefix.Length..].ToUpperInvariant()
            : null;

    /// <summary>
    /// The <c>created</c> label as Unix seconds: the build's <c>SOURCE_DATE_EPOCH</c>, so the image config's times and
    /// (with rewrite-timestamp) every file's time are the commit's; null when the label is missing or not a time.
    /// </summary>
    public static long? SourceDateEpoch(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Prefix + "created", out var created)
        && DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeSeconds()
            : null;
}

/// <summary>What the image is, for people reading the registry: title, one-line description, SPDX licence.</summary>
public sealed record ImageDescription(string Title, string Description, string Licenses);
