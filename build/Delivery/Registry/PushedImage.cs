using Delivery.Docker;
using Tooling;

namespace Delivery.Registry;

/// <summary>
/// The image Push recorded in artifacts/image.json, as Sign and Sbom address it: by digest, never by a tag that
/// could move between the push and the signature.
/// </summary>
public sealed record PushedImage(string Repository, string Digest, string MainTag)
{
    /// <summary>A multi-arch image's platform manifests (platform → digest); empty for a single-platform image.</summary>
    public IReadOnlyDictionary<string, string> Platforms { get; init; } = new Dictionary<string, string>();

    /// <summary>registry/name@sha256:… of each platform manifest, sorted by platform.</summary>
    public IReadOnlyList<string> PlatformsByDigest =>
        [.. Platforms.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{Repository}@{pair.Value}")];

    /// <summary>registry/name@sha256:…</summary>
    public string ByDigest => $"{Repository}@{Digest}";

    /// <summary>The registry host (and port) of the repository.</summary>
    public string Registry => Repository.Split('/', 2)[0];

    /// <param name="record">The record Push wrote.</param>
    /// <param name="recordName">Where it was read from, as messages name it (artifacts/image.json).</param>
    public static PushedImage From(ImageRecord record, string recordName)
    {
        if (string.IsNullOrEmpty(record.Digest) || record.Images.Count == 0)
        {
            throw new BuildFailedException($"{recordName} has no pushed digest. Run ./build.sh Push first (Sign and Sbom work on the pushed image).");
        }

        var first = record.Images[0];
        var colon = first.LastIndexOf(':');
        var image = colon > first.LastIndexOf('/')
            ? new PushedImage(first[..colon], record.Digest, first[(colon + 1)..])
            : new PushedImage(first, record.Digest, record.Digest);
        return record.Platforms is { Count: > 0 } platforms ? image with { Platforms = platforms } : image;
    }
}
