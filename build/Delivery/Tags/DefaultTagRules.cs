using Delivery.Events;

namespace Delivery.Tags;

/// <summary>
/// The gateway's tag rules (docs/versioning.md): metadata-action's documented set, plus GitVersion's SemVer on
/// branch pushes, so every main build also carries a unique, sortable version. <c>latest</c> stays auto: it moves
/// only on a stable release tag.
/// </summary>
public static class DefaultTagRules
{
    public static IReadOnlyList<TagRule> Create(string gitVersionSemVer) =>
    [
        new RefTagRule(RefKind.Branch),
        new RefTagRule(RefKind.PullRequest),
        new SemverTagRule("{{version}}"),
        new SemverTagRule("{{major}}.{{minor}}"),
        new SemverTagRule("{{major}}"),
        new ShaTagRule(),
        // A raw rule (priority 200): after the branch tag, never the main tag, never latest under latest=auto.
        new RawTagRule(gitVersionSemVer) { Enable = TagCondition.OnBranch },
    ];

    public static TagFlavor Flavor { get; } = new(LatestMode.Auto);
}
