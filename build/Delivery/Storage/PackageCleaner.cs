using Serilog;

namespace Delivery.Storage;

/// <summary>
/// Deletes a plan's versions in its order. One failure does not stop the others; but a version something
/// undeleted still refers to (the platform manifest of an index whose deletion failed) is held back, so a failed
/// deletion never leaves an index pointing at nothing.
/// </summary>
public static class PackageCleaner
{
    public static async Task<CleanupResult> ApplyAsync(IPackageVersionSource source, CleanupPlan plan, ReferenceGraph graph,
        ILogger log, CancellationToken cancellationToken = default)
    {
        var deleted = new List<StoredVersion>();
        var failed = new List<(StoredVersion, string)>();
        var heldBack = new List<(StoredVersion, string)>();
        var remaining = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in plan.Deletions)
        {
            var version = decision.Version;
            var blocker = graph.ParentsOf(version.Digest).Concat(graph.ReferrersOf(version.Digest)).FirstOrDefault(remaining.Contains);
            if (blocker is not null)
            {
                log.Warning("Not deleting {Id} ({Label}): {Blocker}, which refers to it, could not be deleted", version.Id, version.Label, graph.LabelOf(blocker));
                heldBack.Add((version, $"{graph.LabelOf(blocker)} refers to it and was not deleted"));
                remaining.Add(version.Digest);
                continue;
            }

            try
            {
                await source.DeleteAsync(version, cancellationToken);
                deleted.Add(version);
                log.Information("Deleted {Id} {Digest} ({Tags}): {Reason}", version.Id, version.ShortDigest, version.Tags, decision.Reason);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                log.Error("Deleting {Id} {Digest} ({Label}) failed: {Message}", version.Id, version.ShortDigest, version.Label, exception.Message);
                failed.Add((version, exception.Message));
                remaining.Add(version.Digest);
            }
        }

        return new CleanupResult(deleted, failed, heldBack);
    }
}
