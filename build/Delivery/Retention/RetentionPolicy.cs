using System.Text.RegularExpressions;
using Delivery.Tags;
using Delivery.Versioning;

namespace Delivery.Retention;

/// <summary>
/// Which tags a registry cleanup keeps and for how long (Delivery.Storage.CleanupPlanner applies it). An image (a
/// digest) is kept while any of its tags is kept, and expiry counts from the image's last push, so a tag that moves
/// to a newer image renews nothing old. Branch builds are kept by count (the last N of each branch), not by age.
/// </summary>
public static partial class RetentionPolicy
{
    /// <summary>
    /// The default age after the image's last push at which a tag of the class stops keeping it; null when age alone
    /// never expires it (stable releases; branch tags and GitVersion build versions, which are kept as the last N
    /// builds of their branch; see <see cref="Describe"/>). Release candidates are the pre-releases that expire by age.
    /// </summary>
    public static TimeSpan? KeepFor(RetentionClass retentionClass) => retentionClass switch
    {
        RetentionClass.StableRelease => null,
        RetentionClass.DefaultBranch => null,
        RetentionClass.PreRelease => TimeSpan.FromDays(90),
        RetentionClass.Branch => null,
        RetentionClass.Commit => TimeSpan.FromDays(14),
        RetentionClass.PullRequest => TimeSpan.FromDays(14),
        _ => throw new ArgumentOutOfRangeException(nameof(retentionClass), retentionClass, null),
    };

    /// <summary>The default rule for a class in words, as docs/versioning.md's retention table says it.</summary>
    public static string Describe(RetentionClass retentionClass) => retentionClass switch
    {
        RetentionClass.StableRelease => "kept forever",
        RetentionClass.DefaultBranch or RetentionClass.Branch => "kept while among the branch's last 10 builds (its current image always)",
        RetentionClass.PreRelease => "a release candidate is kept 90 days; a GitVersion build version while among its branch's last 10 builds",
        RetentionClass.Commit or RetentionClass.PullRequest => "kept 14 days",
        _ => throw new ArgumentOutOfRangeException(nameof(retentionClass), retentionClass, null),
    };

    /// <summary>
    /// Classifies a tag as the registry shows it (a cleanup sees only tag strings), consistently with the classes
    /// <see cref="TagEvaluator"/> gives the tags it produces from the default rules.
    /// </summary>
    public static RetentionClass Classify(string tag, string defaultBranch)
    {
        if (tag == "latest" || StablePartial().IsMatch(tag))
        {
            return RetentionClass.StableRelease;
        }

        if (SemanticVersion.TryParse(tag) is { IsPreRelease: true })
        {
            return RetentionClass.PreRelease;
        }

        if (PullRequestTag().IsMatch(tag))
        {
            return RetentionClass.PullRequest;
        }

        if (CommitTag().IsMatch(tag))
        {
            return RetentionClass.Commit;
        }

        return tag == "edge" || tag == DockerTag.Sanitize(defaultBranch) ? RetentionClass.DefaultBranch : RetentionClass.Branch;
    }

    /// <summary>The class of a semver tag: stable versions are kept, pre-releases expire.</summary>
    public static RetentionClass ForVersion(SemanticVersion version) =>
        version.IsPreRelease ? RetentionClass.PreRelease : RetentionClass.StableRelease;

    // 1.2.3, 1.2, 1: what {{version}}, {{major}}.{{minor}} and {{major}} make of a stable release.
    [GeneratedRegex(@"^(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}$")]
    private static partial Regex StablePartial();

    [GeneratedRegex(@"^pr-\d+$")]
    private static partial Regex PullRequestTag();

    [GeneratedRegex("^sha-([0-9a-f]{7}|[0-9a-f]{40})$")]
    private static partial Regex CommitTag();
}
