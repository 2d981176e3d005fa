namespace BuildEngine;

/// <summary>What a target declares for its GitHub Actions job (<see cref="GitHubActionsTargetDefinitionExtensions"/>).</summary>
internal sealed class GitHubActionsTargetData
{
    public HashSet<GitHubPermission> WritePermissions { get; } = [];

    public HashSet<GitHubPermission> ReadPermissions { get; } = [];

    /// <summary>The step outputs the target writes, in declaration order.</summary>
    public List<(string Name, string Description)> StepOutputs { get; } = [];
}
