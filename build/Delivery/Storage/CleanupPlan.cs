namespace Delivery.Storage;

/// <summary>
/// A cleanup's decisions. <see cref="Deletions"/> are in a safe order: whatever refers to a version (an index to its
/// platform manifests, a signature to its subject) is deleted before it, so no kept index ever lists a missing manifest.
/// </summary>
public sealed record CleanupPlan(IReadOnlyList<VersionDecision> Decisions, IReadOnlyList<VersionDecision> Deletions)
{
    public IEnumerable<VersionDecision> Kept => Decisions.Where(decision => decision.Keep);
}
