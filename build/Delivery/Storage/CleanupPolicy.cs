using Delivery.Retention;

namespace Delivery.Storage;

/// <summary>
/// The retention rules a cleanup applies (docs/versioning.md#retention): stable releases forever; the last
/// <see cref="KeepPerBranch"/> builds of each branch; release candidates for <see cref="ReleaseCandidatesFor"/>;
/// pull-request and commit images for <see cref="ExpireAfter"/>; untagged manifests nothing kept refers to for
/// <see cref="UntaggedGrace"/>. Ages count from a version's last push.
/// </summary>
public sealed record CleanupPolicy
{
    public int KeepPerBranch { get; init; } = 10;

    public TimeSpan ExpireAfter { get; init; } = RetentionPolicy.KeepFor(RetentionClass.PullRequest)!.Value;

    public TimeSpan ReleaseCandidatesFor { get; init; } = RetentionPolicy.KeepFor(RetentionClass.PreRelease)!.Value;

    /// <summary>
    /// A multi-arch push uploads the platform manifests untagged before the tagged index that lists them; a
    /// cleanup running in between must not take them.
    /// </summary>
    public TimeSpan UntaggedGrace { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The branch whose moving tag (<c>main</c>) and build versions (<c>1.2.4-3</c>) form the default lineage.</summary>
    public string DefaultBranch { get; init; } = "main";
}
