using System.Text.RegularExpressions;

namespace Delivery.Signing;

/// <summary>
/// The certificate identity a keyless signature from this repository's workflows carries (Fulcio puts the signing
/// workflow's file and ref into the certificate), as cosign verify takes it. Only one workflow publishes: a release
/// is trusted when docker-build.yml signed it on a version tag, a main build when it signed it on main. Any other
/// workflow file of the repository (a pull-request workflow, one added later) or ref must not pass for either.
/// </summary>
public static class KeylessIdentity
{
    public const string GitHubOidcIssuer = "https://token.actions.githubusercontent.com";

    /// <summary>The one workflow that pushes and signs images (generated from the build's [GitHubActionsWorkflow("docker-build")]).</summary>
    public const string PublishingWorkflow = ".github/workflows/docker-build.yml";

    /// <summary>What consumers verify a release against: docker-build.yml of the repository, run on a vMAJOR.MINOR.PATCH[-pre] tag.</summary>
    public static string ReleaseRegexp(string repository) =>
        $@"^{Regex.Escape(WorkflowUrl(repository))}@refs/tags/v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$";

    /// <summary>What consumers verify a main build against (cosign's --certificate-identity, an exact match).</summary>
    public static string MainIdentity(string repository) => $"{WorkflowUrl(repository)}@refs/heads/main";

    /// <summary>
    /// What the build verifies its own signature against, as a regular expression: exactly the workflow and ref that
    /// signed, from GitHub's GITHUB_WORKFLOW_REF (owner/repo/.github/workflows/docker-build.yml@refs/tags/v1.2.3) where
    /// the runner gives it; else docker-build.yml on <paramref name="gitRef"/> exactly. When another workflow calls
    /// docker-build.yml (workflow_call), GITHUB_WORKFLOW_REF names the caller, while Fulcio certifies the called
    /// workflow (the token's job_workflow_ref): docker-build.yml read at the caller's ref, as `uses: ./.github/workflows/…` does.
    /// </summary>
    public static string ForRun(string repository, string gitRef, string? workflowRef = null) =>
        string.IsNullOrEmpty(workflowRef) || !workflowRef.StartsWith($"{repository}/{PublishingWorkflow}@", StringComparison.Ordinal)
            ? $"^{Regex.Escape($"{WorkflowUrl(repository)}@{gitRef}")}$"
            : $"^{Regex.Escape($"https://github.com/{workflowRef}")}$";

    static string WorkflowUrl(string repository) => $"https://github.com/{repository}/{PublishingWorkflow}";
}
