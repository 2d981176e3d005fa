using Tooling;

namespace Delivery.GitHub;

/// <summary>A repository as <c>owner/name</c> (GITHUB_REPOSITORY's spelling).</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    public static GitHubRepository Parse(string value) =>
        value.Split('/') is [{ Length: > 0 } owner, { Length: > 0 } name]
            ? new GitHubRepository(owner, name)
            : throw new BuildFailedException($"'{value}' is not a GitHub repository; expected owner/name (as GITHUB_REPOSITORY spells it).");

    public override string ToString() => $"{Owner}/{Name}";
}
