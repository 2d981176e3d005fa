namespace GitHubStandIn;

/// <summary>A container package version as the stub serves it: GitHub names it by its manifest digest.</summary>
public sealed record StubPackageVersion(long Id, string Digest, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A version deleted through the API, for the registry that holds its manifest.</summary>
public sealed record DeletedPackageVersion(string Owner, string Package, StubPackageVersion Version);

/// <summary>
/// Container packages of organisations and users, and their versions. An owner is either an organisation or a
/// user, as on GitHub: the other endpoint family answers 404 for it. Tests arrange versions directly; a
/// <see cref="GhcrStandIn"/> records what is pushed through it (<see cref="RecordPush"/>) and deletes the manifests of
/// versions deleted through the API (<see cref="AfterDelete"/>), as GHCR and GitHub's API are one store.
/// </summary>
public sealed class PackageStore
{
    // Above the ids tests choose by hand, so a pushed version never takes one of theirs.
    private const long FirstPushedId = 1_000_000;

    private readonly Lock gate = new();
    private readonly Dictionary<(bool IsUser, string Owner, string Package), List<StubPackageVersion>> packages = [];
    private long nextId = FirstPushedId;

    /// <summary>Runs after a version is deleted through the API and before the API answers; set by the registry that follows the store.</summary>
    internal Func<DeletedPackageVersion, CancellationToken, Task>? AfterDelete { get; set; }

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
            return [.. VersionsIn(owner, package).Select(version => version.Id).Order()];
        }
    }

    /// <summary>The version named by <paramref name="digest"/> in the owner's package, organisation's or user's; null when there is none.</summary>
    public StubPackageVersion? Find(string owner, string package, string digest)
    {
        lock (gate)
        {
            return VersionsIn(owner, package).FirstOrDefault(version => version.Digest == digest);
        }
    }

    /// <summary>
    /// Removes the version, then lets the registry that follows the store delete its manifest; false when the package or
    /// the version does not exist.
    /// </summary>
    public async Task<bool> DeleteAsync(bool isUser, string owner, string package, long id, CancellationToken cancellationToken = default)
    {
        StubPackageVersion? deleted;
        lock (gate)
        {
            deleted = packages.TryGetValue(Key(isUser, owner, package), out var versions) ? versions.Find(version => version.Id == id) : null;
            if (deleted is not null)
            {
                versions!.Remove(deleted);
            }
        }

        if (deleted is not null && AfterDelete is { } follow)
        {
            await follow(new DeletedPackageVersion(owner, package, deleted), cancellationToken);
        }

        return deleted is not null;
    }

    /// <summary>
    /// A manifest pushed to the registry, as GHCR records it: the version named by <paramref name="digest"/> is created if
    /// new, and a <paramref name="tag"/> moves to it from whichever version of the package had it (a push by digest has
    /// none). The package is the owner's existing one (organisation's or user's, as a test arranged), else a new
    /// organisation package. Returns the version as it now is.
    /// </summary>
    public StubPackageVersion RecordPush(string owner, string package, string digest, string? tag, DateTimeOffset now)
    {
        lock (gate)
        {
            var key = packages.Keys.Where(existing => existing.Owner == owner.ToLowerInvariant())
                .Select(existing => (bool?)existing.IsUser).FirstOrDefault() is { } isUser
                ? Key(isUser, owner, package)
                : Key(false, owner, package);
            if (!packages.TryGetValue(key, out var versions))
            {
                packages[key] = versions = [];
            }

            if (tag is not null)
            {
                for (var index = 0; index < versions.Count; index++)
                {
                    if (versions[index].Digest != digest && versions[index].Tags.Contains(tag))
                    {
                        versions[index] = versions[index] with { Tags = [.. versions[index].Tags.Where(other => other != tag)] };
                    }
                }
            }

            var position = versions.FindIndex(version => version.Digest == digest);
            var current = position >= 0
                ? versions[position]
                : new StubPackageVersion(Math.Max(nextId, versions.Select(version => version.Id + 1).DefaultIfEmpty(0).Max()), digest, [], now, now);
            nextId = Math.Max(nextId, current.Id + 1);
            if (tag is not null)
            {
                // GHCR moves a version's updated_at whenever a tag is pushed to it, again or anew: ages count from there.
                current = current with { Tags = current.Tags.Contains(tag) ? current.Tags : [.. current.Tags, tag], UpdatedAt = now };
            }

            if (position >= 0)
            {
                versions[position] = current;
            }
            else
            {
                versions.Add(current);
            }

            return current;
        }
    }

    private IEnumerable<StubPackageVersion> VersionsIn(string owner, string package) =>
        packages.Where(pair => pair.Key.Owner == owner.ToLowerInvariant() && pair.Key.Package == package).SelectMany(pair => pair.Value);

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
