namespace GitHubStandIn;

/// <summary>A GITHUB_TOKEN's level for one scope, as a job's <c>permissions:</c> writes it. Ordered: write implies read.</summary>
public enum PermissionLevel
{
    None,
    Read,
    Write,
}
