using Delivery.Registry;

namespace Delivery.Storage;

/// <summary>
/// Who refers to whom among a package's versions: an index to its manifests (platform manifests, BuildKit
/// attestations); a signature or attestation to its subject, either by cosign's tag (<c>sha256-&lt;hex&gt;.sig</c>) or
/// by an OCI <c>subject</c> field (a referrer). Also the manifests' sizes, an index counting its manifests.
/// </summary>
public sealed class ReferenceGraph
{
    private readonly Dictionary<string, StoredVersion> versions;
    private readonly IReadOnlyDictionary<string, Manifest> manifests;
    private readonly Dictionary<string, List<string>> parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> referrers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> subjects = new(StringComparer.Ordinal);

    public ReferenceGraph(IEnumerable<StoredVersion> packageVersions, IReadOnlyDictionary<string, Manifest> packageManifests)
    {
        versions = packageVersions.GroupBy(version => version.Digest, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        manifests = packageManifests;
        foreach (var version in versions.Values)
        {
            foreach (var child in ChildrenOf(version.Digest))
            {
                Add(parents, child, version.Digest);
            }

            if (SubjectOf(version) is { } subject)
            {
                subjects[version.Digest] = subject;
                Add(referrers, subject, version.Digest);
            }
        }
    }

    /// <summary>
    /// Where the manifests were read (<c>ghcr.io/acme/gateway</c>), for the messages about <see cref="MissingManifests"/>.
    /// </summary>
    public string ReadFrom { get; init; } = "the registry";

    /// <summary>
    /// The listed versions the registry returned no manifest for, oldest first. Such a version's references are
    /// unknown, so an index among them would protect nothing: the planner refuses to plan while any are missing.
    /// </summary>
    public IReadOnlyList<string> MissingManifests =>
        [.. versions.Values.Where(version => !manifests.ContainsKey(version.Digest)).OrderBy(version => version.UpdatedAt).Select(version => version.Digest)];

    /// <summary>How many versions the package lists (one per digest).</summary>
    public int VersionCount => versions.Count;

    /// <summary>The manifest of a version, when the registry had it.</summary>
    public Manifest? ManifestOf(string digest) => manifests.GetValueOrDefault(digest);

    public StoredVersion? VersionOf(string digest) => versions.GetValueOrDefault(digest);

    /// <summary>An index's manifests (all of them, also those not in the package).</summary>
    public IReadOnlyList<string> ChildrenOf(string digest) => manifests.GetValueOrDefault(digest)?.Children ?? [];

    /// <summary>The indexes in the package that list <paramref name="digest"/>.</summary>
    public IReadOnlyList<string> ParentsOf(string digest) => parents.GetValueOrDefault(digest) ?? [];

    /// <summary>The signatures, attestations and referrers in the package that are about <paramref name="digest"/>.</summary>
    public IReadOnlyList<string> ReferrersOf(string digest) => referrers.GetValueOrDefault(digest) ?? [];

    /// <summary>What a signature, attestation or referrer is about; null for an image or an index.</summary>
    public string? SubjectOf(string digest) => subjects.GetValueOrDefault(digest);

    /// <summary>True for a cosign artefact or an OCI referrer: it exists for its subject and goes with it.</summary>
    public bool IsArtefact(string digest) => subjects.ContainsKey(digest);

    /// <summary>What the version directly needs in the registry: an index its manifests, an artefact its subject.</summary>
    public IEnumerable<string> NeedsOf(string digest) =>
        SubjectOf(digest) is { } subject ? ChildrenOf(digest).Append(subject) : ChildrenOf(digest);

    /// <summary>
    /// Everything <paramref name="kept"/> needs, transitively, and the artefacts about any of it: the digests a
    /// cleanup must not delete while it keeps <paramref name="kept"/>. The value says why (the first path found).
    /// </summary>
    public IReadOnlyDictionary<string, string> Walk(IEnumerable<string> kept)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var digest in kept)
        {
            if (reasons.TryAdd(digest, "kept"))
            {
                queue.Enqueue(digest);
            }
        }

        while (queue.TryDequeue(out var digest))
        {
            var name = LabelOf(digest);
            var found = ChildrenOf(digest).Select(child => (child, $"{(IsPlatformManifest(child) ? "platform manifest" : "manifest")} of kept {name}"))
                .Concat(SubjectOf(digest) is { } subject ? [(subject, $"subject of kept {ArtefactKindOf(digest)} {name}")] : [])
                .Concat(ReferrersOf(digest).Select(referrer => (referrer, $"{ArtefactKindOf(referrer)} of kept {name}")));
            foreach (var (next, reason) in found)
            {
                if (reasons.TryAdd(next, reason))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return reasons;
    }

    /// <summary>The bytes a version stands for: its manifest, config and layers; an index its manifests too (each blob once).</summary>
    public long SizeOf(string digest) => BlobsOf(digest).Values.Sum();

    /// <summary>Every blob (and manifest document) a version stands for, by digest, each once.</summary>
    public IReadOnlyDictionary<string, long> BlobsOf(string digest)
    {
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        AddBlobs(digest, blobs, new HashSet<string>(StringComparer.Ordinal));
        return blobs;
    }

    /// <summary>The version's first tag, else what it is about (a platform manifest names its index), else its digest.</summary>
    public string LabelOf(string digest)
    {
        if (versions.GetValueOrDefault(digest) is { Tags.Count: > 0 } tagged)
        {
            return tagged.Tags[0];
        }

        return digest.Length > 19 ? digest[..19] : digest;
    }

    /// <summary>signature, attestation, sbom (cosign's tags) or referrer (an OCI subject).</summary>
    public string ArtefactKindOf(string digest) =>
        versions.GetValueOrDefault(digest)?.Tags.Select(CosignArtefactTag.TryParse).FirstOrDefault(artefact => artefact is not null)?.Kind
        ?? (manifests.GetValueOrDefault(digest)?.Subject is not null ? "referrer" : "artefact");

    private bool IsPlatformManifest(string digest) => manifests.GetValueOrDefault(digest) is { IsIndex: false, Subject: null };

    private string? SubjectOf(StoredVersion version) =>
        version.Tags.Select(CosignArtefactTag.TryParse).FirstOrDefault(artefact => artefact is not null)?.Subject
        ?? manifests.GetValueOrDefault(version.Digest)?.Subject;

    private void AddBlobs(string digest, Dictionary<string, long> blobs, HashSet<string> visited)
    {
        if (!visited.Add(digest) || manifests.GetValueOrDefault(digest) is not { } manifest)
        {
            return;
        }

        blobs[digest] = manifest.Size;
        foreach (var blob in manifest.Blobs)
        {
            blobs[blob.Digest] = blob.Size;
        }

        foreach (var child in manifest.Children)
        {
            AddBlobs(child, blobs, visited);
        }
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
