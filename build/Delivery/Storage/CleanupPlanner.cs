using Tooling;

namespace Delivery.Storage;

/// <summary>
/// Decides, without I/O, which versions of the package a cleanup deletes (docs/versioning.md#retention):
/// <list type="number">
/// <item>each tagged version is judged by its tags; it stays if any tag keeps it (stable, among its branch's last N, young enough);</item>
/// <item>everything a kept version needs stays with it: an index's manifests, an artefact's subject, and the signatures,
/// attestations and referrers of anything kept (<see cref="ReferenceGraph.Walk"/>);</item>
/// <item>an untagged manifest no index lists stays for a grace period (a multi-arch push in flight), and what it needs with it;</item>
/// <item>the rest goes: an artefact with its subject, a platform manifest with its index.</item>
/// </list>
/// A version whose manifest the registry did not return makes the whole plan refuse (<see cref="MissingManifests"/>):
/// its references are unknown, so judging the rest could delete what it needs.
/// </summary>
public static class CleanupPlanner
{
    public static CleanupPlan Plan(IReadOnlyList<StoredVersion> versions, ReferenceGraph graph, CleanupPolicy policy, DateTimeOffset now)
    {
        if (MissingManifests.Describe(graph) is { } missing)
        {
            throw new BuildFailedException($"Cleanup deletes nothing: {missing} Fix that and run Cleanup again; StorageReport lists the versions.");
        }

        var meanings = versions.ToDictionary(version => version.Id, version => version.Tags.Select(tag => TagMeaning.Read(tag, policy.DefaultBranch)).ToList());
        var ranks = LineageRanks(versions, meanings);
        var ownKeeps = new Dictionary<string, string>(StringComparer.Ordinal);
        var ownExpiries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in versions.Where(version => version.Tags.Count > 0 && !graph.IsArtefact(version.Digest)))
        {
            var (keeps, expiries) = Judge(version, meanings[version.Id], ranks.GetValueOrDefault(version.Id), policy, now);
            if (keeps.Count > 0)
            {
                ownKeeps.TryAdd(version.Digest, string.Join("; ", keeps));
            }
            else
            {
                ownExpiries.TryAdd(version.Digest, string.Join("; ", expiries));
            }
        }

        var needed = graph.Walk(ownKeeps.Keys);
        var graceKeeps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in versions.Where(version => version.Tags.Count == 0 && !graph.IsArtefact(version.Digest)
                                                          && !needed.ContainsKey(version.Digest) && graph.ParentsOf(version.Digest).Count == 0))
        {
            var age = version.AgeAt(now);
            if (age <= policy.UntaggedGrace)
            {
                graceKeeps.TryAdd(version.Digest, $"untagged, {Age.Describe(age)} old, within the {Age.Describe(policy.UntaggedGrace)} grace for pushes in flight");
            }
        }

        needed = graph.Walk(ownKeeps.Keys.Concat(graceKeeps.Keys));
        var decisions = versions.Select(version =>
        {
            var size = graph.SizeOf(version.Digest);
            if (ownKeeps.TryGetValue(version.Digest, out var own) || graceKeeps.TryGetValue(version.Digest, out own))
            {
                return new VersionDecision(version, true, own, size);
            }

            return needed.TryGetValue(version.Digest, out var reason)
                ? new VersionDecision(version, true, reason, size)
                : new VersionDecision(version, false, ExpiryReason(version, graph, ownExpiries, policy, now), size);
        }).ToList();
        return new CleanupPlan(decisions, DeletionOrder.Of(decisions.Where(decision => !decision.Keep).ToList(), graph));
    }

    private static (List<string> Keeps, List<string> Expiries) Judge(StoredVersion version, IReadOnlyList<TagMeaning> meanings, LineageRank? rank,
        CleanupPolicy policy, DateTimeOffset now)
    {
        var keeps = new List<string>();
        var expiries = new List<string>();
        var age = version.AgeAt(now);
        foreach (var meaning in meanings)
        {
            switch (meaning.Kind)
            {
                case TagKind.StableRelease:
                    keeps.Add(meaning.Tag == "latest" ? "latest" : $"stable release {meaning.Tag}");
                    break;
                case TagKind.ReleaseCandidate:
                    (age <= policy.ReleaseCandidatesFor ? keeps : expiries).Add(
                        $"release candidate {meaning.Tag}, {Age.Describe(age)} old {(age <= policy.ReleaseCandidatesFor ? "≤" : ">")} {Age.Limit(policy.ReleaseCandidatesFor)}");
                    break;
                case TagKind.BranchTag:
                    // A moving tag is on its branch's newest image: what anyone pulling the branch gets.
                    keeps.Add($"current image of {meaning.Tag}");
                    break;
                case TagKind.BuildVersion when rank is not null:
                    (rank.Rank <= policy.KeepPerBranch ? keeps : expiries).Add(rank.Rank <= policy.KeepPerBranch
                        ? $"{meaning.Tag}: {rank.Lineage} build {rank.Rank} of the last {policy.KeepPerBranch}"
                        : $"{meaning.Tag}: {rank.Lineage} build {rank.Rank}, beyond the last {policy.KeepPerBranch}");
                    break;
                case TagKind.PullRequest or TagKind.Commit:
                    (age <= policy.ExpireAfter ? keeps : expiries).Add(
                        $"{meaning.Tag}, {Age.Describe(age)} old {(age <= policy.ExpireAfter ? "≤" : ">")} {Age.Limit(policy.ExpireAfter)}");
                    break;
            }
        }

        return (keeps, expiries);
    }

    private static string ExpiryReason(StoredVersion version, ReferenceGraph graph, IReadOnlyDictionary<string, string> ownExpiries,
        CleanupPolicy policy, DateTimeOffset now)
    {
        if (ownExpiries.TryGetValue(version.Digest, out var own))
        {
            return own;
        }

        if (graph.SubjectOf(version.Digest) is { } subject)
        {
            var kind = graph.ArtefactKindOf(version.Digest);
            return graph.VersionOf(subject) is not null
                ? $"{kind} of deleted {graph.LabelOf(subject)}"
                : $"{kind} of {(subject.Length > 19 ? subject[..19] : subject)}, which is not in the package";
        }

        if (graph.ParentsOf(version.Digest) is [var parent, ..])
        {
            return $"manifest of deleted {graph.LabelOf(parent)}";
        }

        return $"untagged, {Age.Describe(version.AgeAt(now))} old > {Age.Describe(policy.UntaggedGrace)} grace, nothing kept refers to it";
    }

    /// <summary>A version's place in its branch lineage: 1 for the newest build.</summary>
    private sealed record LineageRank(string Lineage, int Rank);

    /// <summary>
    /// Groups the versions by branch lineage (their build version's label, else their moving branch tag) and numbers
    /// each group newest first.
    /// </summary>
    private static Dictionary<long, LineageRank> LineageRanks(IReadOnlyList<StoredVersion> versions, IReadOnlyDictionary<long, List<TagMeaning>> meanings)
    {
        string? LineageOf(StoredVersion version) =>
            meanings[version.Id].FirstOrDefault(meaning => meaning.Kind == TagKind.BuildVersion)?.Lineage
            ?? meanings[version.Id].FirstOrDefault(meaning => meaning.Kind == TagKind.BranchTag)?.Lineage;

        return versions
            .Select(version => (Version: version, Lineage: LineageOf(version)))
            .Where(pair => pair.Lineage is not null)
            .GroupBy(pair => pair.Lineage!, StringComparer.Ordinal)
            .SelectMany(group => group
                .OrderByDescending(pair => pair.Version.UpdatedAt)
                .ThenByDescending(pair => pair.Version.CreatedAt)
                .ThenByDescending(pair => pair.Version.Id)
                .Select((pair, index) => (pair.Version.Id, Rank: new LineageRank(group.Key, index + 1))))
            .ToDictionary(pair => pair.Id, pair => pair.Rank);
    }
}
