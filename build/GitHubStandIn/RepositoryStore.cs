namespace GitHubStandIn;

/// <summary>A repository as the stub serves it: what a workflow's token can always read about its own repository.</summary>
public sealed record StubRepository(long Id, string Owner, string Name, string DefaultBranch)
{
    public string FullName => $"{Owner}/{Name}";
}

/// <summary>The repositories the stub knows (<c>GET /repos/{owner}/{repo}</c>); GitHub's names are case-insensitive.</summary>
public sealed class RepositoryStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StubRepository> repositories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds <paramref name="fullName"/> (<c>owner/name</c>) with its default branch.</summary>
    public StubRepository Add(string fullName, string defaultBranch)
    {
        var (owner, name) = fullName.Split('/') is [{ Length: > 0 } first, { Length: > 0 } second]
            ? (first, second)
            : throw new ArgumentException($"A repository is owner/name, not '{fullName}'.", nameof(fullName));
        lock (gate)
        {
            return repositories[fullName] = new StubRepository(1_000 + repositories.Count, owner, name, defaultBranch);
        }
    }

    public StubRepository? Find(string owner, string name)
    {
        lock (gate)
        {
            return repositories.GetValueOrDefault($"{owner}/{name}");
        }
    }
}
