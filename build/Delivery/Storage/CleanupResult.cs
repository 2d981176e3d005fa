namespace Delivery.Storage;

/// <summary>The outcome of applying a plan: what was deleted, what failed (with GitHub's message), what was held back.</summary>
public sealed record CleanupResult(IReadOnlyList<StoredVersion> Deleted, IReadOnlyList<(StoredVersion Version, string Error)> Failed,
    IReadOnlyList<(StoredVersion Version, string Why)> HeldBack)
{
    public bool Succeeded => Failed.Count == 0 && HeldBack.Count == 0;
}
