using System.Text.RegularExpressions;

namespace BuildEngine;

/// <summary>
/// What a target declares for the GitHub Actions job that runs it: token scopes and step outputs. Extension methods,
/// as NUKE adds a vendor's verbs (DockerTargetDefinitionExtensions), so the core <see cref="ITargetDefinition"/>
/// names no vendor; off GitHub Actions they change nothing.
/// </summary>
public static class GitHubActionsTargetDefinitionExtensions
{
    /// <summary>Token scopes the target writes with on CI (packages, id-token, …); its CI job is granted exactly these.</summary>
    public static ITargetDefinition WritePermissions(this ITargetDefinition target, params GitHubPermission[] permissions) =>
        target.With<GitHubActionsTargetData>((data, _) => data.WritePermissions.UnionWith(permissions));

    /// <summary>
    /// Token scopes the target only reads beyond <c>contents</c> (actions, to list workflow runs, …). A job with a
    /// permissions block gets nothing it does not name, so reads must be named too.
    /// </summary>
    public static ITargetDefinition ReadPermissions(this ITargetDefinition target, params GitHubPermission[] permissions) =>
        target.With<GitHubActionsTargetData>((data, _) => data.ReadPermissions.UnionWith(permissions));

    /// <summary>
    /// A step output the target writes (<c>name=value</c> to $GITHUB_OUTPUT) when it runs on GitHub Actions. The
    /// generated job exposes it as a job output (<c>${{ steps.build.outputs.&lt;name&gt; }}</c>), and a workflow called
    /// with workflow_call returns it; the description is the one callers read.
    /// </summary>
    public static ITargetDefinition Output(this ITargetDefinition target, string name, string description) =>
        target.With<GitHubActionsTargetData>((data, targetName) =>
        {
            // GitHub's output names: letters, digits, '-' and '_', starting with a letter or '_'.
            if (!Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_-]*$"))
            {
                throw new BuildDefinitionException($"Target '{targetName}' declares the output '{name}': name it with letters, digits, '-' and '_', starting with a letter or '_'.");
            }

            if (data.StepOutputs.Any(output => output.Name == name))
            {
                throw new BuildDefinitionException($"Target '{targetName}' declares the output '{name}' twice: declare it once.");
            }

            data.StepOutputs.Add((name, description));
        });

    /// <summary>What the target declared with these verbs, for the workflow generator.</summary>
    internal static GitHubActionsTargetData GitHubActions(this ExecutableTarget target) => target.Data<GitHubActionsTargetData>();
}
