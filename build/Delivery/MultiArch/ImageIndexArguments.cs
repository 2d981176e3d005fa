using Delivery.Docker;
using Delivery.Labels;

namespace Delivery.MultiArch;

/// <summary>
/// The docker CLI's arguments for multi-arch images (pure, so tests can read them): the per-platform build that
/// pushes by digest, <c>imagetools create</c> that merges platform manifests into one tagged index with the OCI
/// annotations, and <c>imagetools inspect</c> that reads an index back.
/// </summary>
public static class ImageIndexArguments
{
    /// <summary>
    /// <c>docker buildx imagetools create -t REF --annotation index:KEY=VALUE … SOURCE…</c>: one index over the sources
    /// (platform manifests, or an index whose manifests are taken over), pushed under <paramref name="reference"/>.
    /// </summary>
    public static IReadOnlyList<string> Create(IEnumerable<string> references, IReadOnlyDictionary<string, string> annotations, IEnumerable<string> sources)
    {
        var arguments = new List<string> { "buildx", "imagetools", "create", "--progress", "plain" };
        foreach (var reference in references)
        {
            arguments.AddRange(["--tag", reference]);
        }

        foreach (var annotation in IndexAnnotations(annotations))
        {
            arguments.AddRange(["--annotation", annotation]);
        }

        arguments.AddRange(sources);
        return arguments;
    }

    /// <summary>
    /// The image's OCI labels as index annotations (<c>index:org.opencontainers.image.description=…</c>): a multi-arch
    /// image's index has no config, so registries (GHCR's description, source link, licence) read these. Empty
    /// values are left out; keys sorted so the index, and its digest, is the same on every run.
    /// </summary>
    public static IReadOnlyList<string> IndexAnnotations(IReadOnlyDictionary<string, string> labels) =>
    [
        .. labels
            .Where(pair => pair.Key.StartsWith(OciLabels.Prefix, StringComparison.Ordinal) && pair.Value.Length > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"index:{pair.Key}={pair.Value}"),
    ];

    /// <summary><c>docker buildx imagetools inspect REF --raw</c>: the manifest (or index) exactly as the registry serves it.</summary>
    public static IReadOnlyList<string> InspectRaw(string reference) => ["buildx", "imagetools", "inspect", "--raw", reference];

    /// <summary><c>docker buildx imagetools inspect REF --format {{json .Manifest}}</c>: the descriptor, with the digest.</summary>
    public static IReadOnlyList<string> InspectDescriptor(string reference) =>
        ["buildx", "imagetools", "inspect", "--format", "{{json .Manifest}}", reference];
}
