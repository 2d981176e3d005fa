namespace Delivery.Storage;

/// <summary>
/// The report's classes of versions, by their most lasting tag: stable releases, release candidates, the default
/// branch's builds, other branches', pull requests', commits', and untagged manifests (platform manifests an index
/// lists, artefacts, the rest).
/// </summary>
public static class StorageGroup
{
    public const string StableReleases = "Stable releases";
    public const string ReleaseCandidates = "Release candidates";
    public const string DefaultBranch = "Default branch";
    public const string Branches = "Other branches";
    public const string PullRequests = "Pull requests";
    public const string Commits = "Commits only";
    public const string PlatformManifests = "Platform manifests";
    public const string Artefacts = "Signatures and attestations";
    public const string Untagged = "Untagged";

    public static IReadOnlyList<string> InOrder { get; } =
        [StableReleases, ReleaseCandidates, DefaultBranch, Branches, PullRequests, Commits, PlatformManifests, Artefacts, Untagged];

    public static string Of(StoredVersion version, ReferenceGraph graph, string defaultBranch)
    {
        if (graph.IsArtefact(version.Digest))
        {
            return Artefacts;
        }

        var kinds = version.Tags.Select(tag => TagMeaning.Read(tag, defaultBranch)).ToList();
        if (kinds.Count == 0)
        {
            return graph.ParentsOf(version.Digest).Count > 0 ? PlatformManifests : Untagged;
        }

        return kinds.Min(meaning => meaning.Kind switch
        {
            TagKind.StableRelease => 0,
            TagKind.ReleaseCandidate => 1,
            TagKind.BuildVersion or TagKind.BranchTag when meaning.Lineage == defaultBranch => 2,
            TagKind.BuildVersion or TagKind.BranchTag => 3,
            TagKind.PullRequest => 4,
            _ => 5,
        }) switch
        {
            0 => StableReleases,
            1 => ReleaseCandidates,
            2 => DefaultBranch,
            3 => Branches,
            4 => PullRequests,
            _ => Commits,
        };
    }
}
