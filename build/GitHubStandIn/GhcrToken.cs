namespace GitHubStandIn;

/// <summary>
/// A token GHCR's token service handed out: whose GITHUB_TOKEN it was traded for (null: anonymous) and the actions it
/// grants per repository, the requested ones the GITHUB_TOKEN allows (<see cref="Allows"/>).
/// </summary>
internal sealed record GhcrToken(TokenGrant? Grant, IReadOnlyDictionary<string, IReadOnlySet<string>> Actions)
{
    /// <summary>
    /// GHCR's rule for a repository's GITHUB_TOKEN, kept simple: the packages of the token's repository owner, pull with
    /// <c>packages: read</c>, push (and delete) with <c>packages: write</c>. <c>contents: read</c> alone pulls nothing, as
    /// GitHub documents for private packages; public packages, and packages of other owners shared with the repository,
    /// are not modelled.
    /// </summary>
    public static bool Allows(TokenGrant grant, string repository, string action) =>
        grant.Covers(repository.Split('/')[0]) && grant.Allows("packages", action == "pull" ? PermissionLevel.Read : PermissionLevel.Write);

    public bool Grants(string repository, string action) =>
        Actions.TryGetValue(repository, out var actions) && (actions.Contains(action) || actions.Contains("*"));

    /// <summary>
    /// The token for the requested scopes (<c>repository:acme/gateway:pull,push</c>, one per <c>scope</c> parameter): of
    /// each, only the actions <paramref name="grant"/> allows; none for an anonymous request.
    /// </summary>
    public static GhcrToken For(TokenGrant? grant, IEnumerable<string> scopes)
    {
        var actions = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            // repository:<name>:<actions>; a name has no colon, the actions are comma-separated.
            var parts = scope.Split(':');
            if (parts is not ["repository", var repository, var requested] || grant is null)
            {
                continue;
            }

            var allowed = requested.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(action => action == "*" ? ["pull", "push", "delete"] : new[] { action })
                .Where(action => Allows(grant, repository, action))
                .ToHashSet(StringComparer.Ordinal);
            actions[repository] = actions.TryGetValue(repository, out var earlier) ? [.. earlier, .. allowed] : allowed;
        }

        return new GhcrToken(grant, actions);
    }
}
