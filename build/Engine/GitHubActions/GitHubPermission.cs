namespace BuildEngine;

/// <summary>
/// A GITHUB_TOKEN scope a target writes with (<c>WritePermissions</c>) or reads (<c>ReadPermissions</c>). The
/// generated workflow grants each job only the union of its targets' scopes and the workflow-wide ones; everything
/// else stays at the workflow's <c>contents: read</c>.
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
    Checks,
}
