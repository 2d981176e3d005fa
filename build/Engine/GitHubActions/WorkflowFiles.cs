using System.Reflection;
using Tooling;

namespace BuildEngine;

/// <summary>
/// The files a workflow names by the build's <see cref="AbsolutePath"/> members (<see cref="GitHubActionsWorkflowAttribute.EveryJobUploads"/>,
/// <see cref="GitHubActionsWorkflowAttribute.FinalJobDownloads"/>), relative to the root as the workflow writes them:
/// an attribute takes no path object, so the build declares each path once and the attribute names it.
/// </summary>
internal sealed record WorkflowFiles(IReadOnlyList<string> EveryJobUploads, string? FinalJobDownloads)
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static WorkflowFiles Resolve(BuildBase build, GitHubActionsWorkflowAttribute workflow)
    {
        if (workflow.FinalTarget is not null && workflow.EveryJobUploads.Length > 0 && workflow.FinalJobDownloads is null)
        {
            throw new BuildDefinitionException(
                $"Workflow '{workflow.Name}' has a final target and EveryJobUploads: say where its job puts them with FinalJobDownloads = nameof(<an AbsolutePath member>).");
        }

        return new WorkflowFiles(
            [.. workflow.EveryJobUploads.Select(member => PathOf(build, workflow, nameof(workflow.EveryJobUploads), member))],
            workflow.FinalJobDownloads is { } downloads ? PathOf(build, workflow, nameof(workflow.FinalJobDownloads), downloads) : null);
    }

    private static string PathOf(BuildBase build, GitHubActionsWorkflowAttribute workflow, string setting, string member)
    {
        var value = Members(build.GetType()).FirstOrDefault(candidate => candidate.Name == member) switch
        {
            PropertyInfo property => property.GetValue(build),
            FieldInfo field => field.GetValue(build),
            _ => null,
        };
        return value is AbsolutePath path
            ? path.RelativeTo(build.RootDirectory)
            : throw new BuildDefinitionException(
                $"Workflow '{workflow.Name}' names '{member}' in {setting}, which is no AbsolutePath member of the build: " +
                $"declare it (AbsolutePath {member} => ArtifactsDirectory / \"file\") and name it with nameof({member}).");
    }

    // Private members of base classes too (GetMembers sees only the type's own private ones).
    private static IEnumerable<MemberInfo> Members(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(InstanceMembers).Where(member => member is PropertyInfo or FieldInfo))
            {
                yield return member;
            }
        }
    }
}
