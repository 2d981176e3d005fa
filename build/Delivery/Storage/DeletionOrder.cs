namespace Delivery.Storage;

/// <summary>
/// Orders deletions so that a version goes only after everything being deleted that refers to it: a signature
/// before its subject, an index before its platform manifests. Interrupted at any point, the registry never holds
/// an index (or signature) whose manifest is already gone.
/// </summary>
public static class DeletionOrder
{
    public static IReadOnlyList<VersionDecision> Of(IReadOnlyList<VersionDecision> deletions, ReferenceGraph graph)
    {
        var byDigest = deletions.GroupBy(decision => decision.Version.Digest, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        // How many versions being deleted still refer to each one.
        var referrers = byDigest.Keys.ToDictionary(digest => digest, _ => 0, StringComparer.Ordinal);
        foreach (var digest in byDigest.Keys)
        {
            foreach (var needed in graph.NeedsOf(digest).Distinct(StringComparer.Ordinal).Where(referrers.ContainsKey))
            {
                referrers[needed]++;
            }
        }

        var ordered = new List<VersionDecision>();
        var ready = new Queue<string>(Oldest(referrers.Where(pair => pair.Value == 0).Select(pair => pair.Key), byDigest));
        while (ready.TryDequeue(out var digest))
        {
            ordered.AddRange(byDigest[digest]);
            var freed = new List<string>();
            foreach (var needed in graph.NeedsOf(digest).Distinct(StringComparer.Ordinal).Where(referrers.ContainsKey))
            {
                if (--referrers[needed] == 0)
                {
                    freed.Add(needed);
                }
            }

            foreach (var next in Oldest(freed, byDigest))
            {
                ready.Enqueue(next);
            }
        }

        // A reference cycle cannot come from content-addressed manifests; should one appear, its versions still go, last.
        ordered.AddRange(deletions.Where(decision => !ordered.Contains(decision)));
        return ordered;
    }

    private static IEnumerable<string> Oldest(IEnumerable<string> digests, IReadOnlyDictionary<string, List<VersionDecision>> byDigest) =>
        digests.OrderBy(digest => byDigest[digest][0].Version.UpdatedAt).ThenBy(digest => byDigest[digest][0].Version.Id);
}
