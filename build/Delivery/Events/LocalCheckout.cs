using Delivery.Images;
using Delivery.Versioning;

namespace Delivery.Events;

/// <summary>
/// What the local clone says about HEAD: the branch, a tag pointing at HEAD, the commit, origin's repository and
/// default branch. The event context of a local build, and the fallback for anything GitHub did not set.
/// </summary>
public sealed record LocalCheckout(string Sha, string? Branch, IReadOnlyList<string> TagsAtHead, string? OriginRepository, string? DefaultBranch)
{
    /// <summary>
    /// The tag a build of HEAD stands for when several point at it: the highest semver (v1.2.3 over v1.2.3-rc.1),
    /// else the first by name.
    /// </summary>
    public string? Tag =>
        TagsAtHead.Select(tag => (tag, version: SemanticVersion.TryParse(tag))).Where(entry => entry.version is not null)
            .OrderByDescending(entry => entry.version!.Major).ThenByDescending(entry => entry.version!.Minor)
            .ThenByDescending(entry => entry.version!.Patch).ThenBy(entry => entry.version!.IsPreRelease)
            .ThenByDescending(entry => entry.version!.PreRelease, StringComparer.Ordinal)
            .Select(entry => entry.tag)
            .FirstOrDefault()
        ?? TagsAtHead.Order(StringComparer.Ordinal).FirstOrDefault();

    public static async Task<LocalCheckout> ReadAsync(Git.GitCli git)
    {
        var remote = await git.RemoteUrlAsync("origin");
        return new LocalCheckout(
            await git.HeadShaAsync(), await git.CurrentBranchAsync(), await git.TagsAtHeadAsync(),
            GitHubRemote.TryGetRepository(remote), await git.RemoteDefaultBranchAsync("origin"));
    }
}
