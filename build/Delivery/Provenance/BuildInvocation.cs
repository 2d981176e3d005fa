using Delivery.Events;
using Tooling;

namespace Delivery.Provenance;

/// <summary>
/// Who ran the build and which run it was, as the provenance names them: on GitHub Actions the workflow file at its
/// ref (the identity a keyless certificate carries) and the run's URL; elsewhere a local builder that says so.
/// </summary>
public sealed record BuildInvocation(string BuilderId, string InvocationId, WorkflowReference Workflow, string EventName)
{
    /// <summary>The builder id of a run outside GitHub Actions: the build script of a local checkout, never a workflow.</summary>
    public const string LocalBuilderId = "urn:gateway-delivery:builder:local";

    public static BuildInvocation From(IReadOnlyDictionary<string, string> environment, EventContext context)
    {
        if (environment.GetValueOrDefault("GITHUB_ACTIONS") != "true")
        {
            // No workflow ran it: the "workflow" is ./build.sh of this checkout, at the ref it had checked out.
            return new BuildInvocation(LocalBuilderId, $"urn:uuid:{Guid.NewGuid()}",
                new WorkflowReference(context.Repository ?? "", context.Ref, "build.sh"), context.EventName);
        }

        var server = Required(environment, "GITHUB_SERVER_URL").TrimEnd('/');
        var repository = Required(environment, "GITHUB_REPOSITORY");
        // owner/name/.github/workflows/docker-build.yml@refs/tags/v1.2.3: the workflow file and the ref it was read at.
        var workflowRef = Required(environment, "GITHUB_WORKFLOW_REF");
        var at = workflowRef.IndexOf('@', StringComparison.Ordinal);
        var prefix = repository + "/";
        if (at < 0 || !workflowRef.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new BuildFailedException($"GITHUB_WORKFLOW_REF '{workflowRef}' is not {prefix}<path of the workflow file>@<ref>; the provenance cannot name the workflow.");
        }

        var runUrl = $"{server}/{repository}/actions/runs/{Required(environment, "GITHUB_RUN_ID")}/attempts/{environment.GetValueOrDefault("GITHUB_RUN_ATTEMPT") ?? "1"}";
        return new BuildInvocation($"{server}/{workflowRef}", runUrl,
            new WorkflowReference(repository, workflowRef[(at + 1)..], workflowRef[prefix.Length..at]), Required(environment, "GITHUB_EVENT_NAME"));
    }

    private static string Required(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.GetValueOrDefault(name) is { Length: > 0 } value
            ? value
            : throw new BuildFailedException($"{name} is not set on this GitHub Actions run; the provenance needs it to name the workflow run.");
}

/// <summary>The workflow that ran the build: repository (owner/name), the ref its file was read at, the file's path.</summary>
public sealed record WorkflowReference(string Repository, string Ref, string Path);
