namespace GitHubApiStub;

/// <summary>A container package version as the stub serves it: GitHub names it by its manifest digest.</summary>
public sealed record StubPackageVersion(long Id, string Digest, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Container packages of organisations and users, and their versions. An owner is either an organisation or a
/// user, as on GitHub: the other endpoint family answers 404 for it.
/// </summary>
public sealed class PackageStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(bool IsUser, string Owner, string Package), List<StubPackageVersion>> packages = [];

    /// <summary>Adds a version to an organisation's package (creating the package).</summary>
    public void AddForOrganization(string organization, string package, params StubPackageVersion[] versions) => Add(false, organization, package, versions);

    /// <summary>Adds a version to a user's package (creating the package).</summary>
    public void AddForUser(string user, string package, params StubPackageVersion[] versions) => Add(true, user, package, versions);

    /// <summary>The package's versions, newest first as GitHub lists them; null when there is no such package.</summary>
    public IReadOnlyList<StubPackageVersion>? VersionsOf(bool isUser, string owner, string package)
    {
        lock (gate)
        {
            return packages.TryGetValue(Key(isUser, owner, package), out var versions)
                ? [.. versions.OrderByDescending(version => version.CreatedAt).ThenByDescending(version => version.Id)]
                : null;
        }
    }

    /// <summary>The ids still in the package (tests compare them with what a cleanup should leave).</summary>
    public IReadOnlyList<long> IdsOf(string owner, string package)
    {
        lock (gate)
        {
            return [.. packages.Where(pair => pair.Key.Owner == owner.ToLowerInvariant() && pair.Key.Package == package).SelectMany(pair => pair.Value).Select(version => version.Id).Order()];
        }
    }

    /// <summary>Removes the version; false when the package or the version does not exist.</summary>
    public bool Delete(bool isUser, string owner, string package, long id)
    {
        lock (gate)
        {
            return packages.TryGetValue(Key(isUser, owner, package), out var versions) && versions.RemoveAll(version => version.Id == id) > 0;
        }
    }

    private void Add(bool isUser, string owner, string package, StubPackageVersion[] versions)
    {
        lock (gate)
        {
            if (!packages.TryGetValue(Key(isUser, owner, package), out var list))
            {
                packages[Key(isUser, owner, package)] = list = [];
            }

            list.AddRange(versions);
        }
    }

    // GitHub's logins are case-insensitive.
    private static (bool, string, string) Key(bool isUser, string owner, string package) => (isUser, owner.ToLowerInvariant(), package);
}
