using System.Text.RegularExpressions;

namespace Delivery.Signing;

/// <summary>
/// The certificate identity a keyless signature from this repository's workflows carries, as the regular
/// expression cosign verify takes. Consumers trust releases: workflows on main or on a v* tag.
/// </summary>
public static class KeylessIdentity
{
    public const string GitHubOidcIssuer = "https://token.actions.githubusercontent.com";

    /// <summary>What docs/security.md tells consumers to verify against: any workflow of the repository, run on main or a v* tag.</summary>
    public static string ReleaseRegexp(string repository) =>
        $@"^https://github\.com/{Regex.Escape(repository)}/\.github/workflows/.+@refs/(heads/main|tags/v.*)$";

    /// <summary>
    /// What the build verifies its own signature against: the release identity when it runs on main or a v* tag;
    /// on another ref (a branch build that pushes) that ref exactly, which the release identity would rightly reject.
    /// </summary>
    public static string ForRun(string repository, string gitRef) =>
        gitRef == "refs/heads/main" || gitRef.StartsWith("refs/tags/v", StringComparison.Ordinal)
            ? ReleaseRegexp(repository)
            : $@"^https://github\.com/{Regex.Escape(repository)}/\.github/workflows/.+@{Regex.Escape(gitRef)}$";
}
