namespace BuildEngine;

/// <summary>
/// A GITHUB_TOKEN scope a target needs write access to. The generated workflow grants each job only the union
/// of its targets' scopes; everything else stays at the workflow's <c>contents: read</c>.
/// </summary>
public enum GitHubPermission
{
    Contents,
    Packages,
    IdToken,
    SecurityEvents,
    Attestations,
    Issues,
    PullRequests,
    Actions,
}
