namespace Delivery.Storage;

/// <summary>The versions of one container package, and their deletion (GitHub's package-versions API).</summary>
public interface IPackageVersionSource
{
    /// <summary>Every active version, all pages.</summary>
    Task<IReadOnlyList<StoredVersion>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the version; one that is already gone counts as deleted.</summary>
    Task DeleteAsync(StoredVersion version, CancellationToken cancellationToken = default);
}
