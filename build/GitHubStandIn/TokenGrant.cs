namespace GitHubStandIn;

/// <summary>
/// What one GITHUB_TOKEN may do: the repository it was made for (<c>owner/name</c>) and its scopes with their levels,
/// exactly as the job's <c>permissions:</c> grant them (<c>packages: read</c>, <c>issues: write</c>, …). A scope the
/// grant leaves out is <see cref="PermissionLevel.None"/>, as GitHub does once a workflow names any permission.
/// </summary>
public sealed class TokenGrant
{
    /// <summary>GitHub's permission names for GITHUB_TOKEN (workflow syntax); <c>metadata</c> is read for every token.</summary>
    public static readonly IReadOnlySet<string> KnownScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues", "metadata", "models",
        "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
    };

    private readonly Dictionary<string, PermissionLevel> scopes;

    /// <param name="repository"><c>owner/name</c>.</param>
    /// <param name="scopes">By GitHub's names; <c>pull_requests</c> (the API's spelling) is taken for <c>pull-requests</c>.</param>
    public TokenGrant(string repository, IReadOnlyDictionary<string, PermissionLevel> scopes)
    {
        if (repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new ArgumentException($"A token's repository is owner/name, not '{repository}'.", nameof(repository));
        }

        Repository = repository;
        this.scopes = new Dictionary<string, PermissionLevel>(StringComparer.Ordinal);
        foreach (var (name, level) in scopes)
        {
            var scope = Normalize(name);
            // A misspelt scope would silently grant nothing and make a rehearsal's refusal look like the workflow's fault.
            this.scopes[KnownScopes.Contains(scope) ? scope : throw new ArgumentException($"'{name}' is not one of GitHub's permissions: {string.Join(", ", KnownScopes)}.", nameof(scopes))] = level;
        }

        this.scopes["metadata"] = PermissionLevel.Read;
    }

    public string Repository { get; }

    public string Owner => Repository.Split('/')[0];

    /// <summary>Who holds the token (a job, such as <c>registry-cleanup/report</c>), named in the request log; never the token itself.</summary>
    public string? Holder { get; init; }

    public IReadOnlyDictionary<string, PermissionLevel> Scopes => scopes;

    /// <summary><c>TokenGrant.Of("acme/gateway", ("packages", PermissionLevel.Read))</c>.</summary>
    public static TokenGrant Of(string repository, params (string Scope, PermissionLevel Level)[] scopes) =>
        new(repository, scopes.ToDictionary(scope => scope.Scope, scope => scope.Level));

    public PermissionLevel LevelOf(string scope) => scopes.GetValueOrDefault(Normalize(scope));

    /// <summary>Whether the token holds <paramref name="scope"/> at <paramref name="level"/> or above (write implies read).</summary>
    public bool Allows(string scope, PermissionLevel level) => LevelOf(scope) >= level;

    /// <summary>Whether a resource of <paramref name="owner"/> (and, for a repository's resource, <paramref name="repository"/>) is the token's.</summary>
    public bool Covers(string owner, string? repository = null) =>
        string.Equals(owner, Owner, StringComparison.OrdinalIgnoreCase)
        && (repository is null || string.Equals($"{owner}/{repository}", Repository, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the request log names the token's holder: <see cref="Holder"/>, else the repository.</summary>
    public override string ToString() => Holder ?? Repository;

    private static string Normalize(string scope) => scope.Trim().ToLowerInvariant().Replace('_', '-');
}
