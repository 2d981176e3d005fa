namespace BuildEngine;

/// <summary>Where the build runs, which decides how targets, annotations and the summary are shown.</summary>
public enum HostKind
{
    Terminal,
    GitHubActions,
}
