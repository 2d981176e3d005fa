namespace Delivery.Tags;

/// <summary>
/// The gateway's tag rules (docs/versioning.md), as <c>--image-tags</c> and <c>--image-flavor</c> default to:
/// metadata-action's documented set, plus the build's version (GitVersion's SemVer) on branch pushes, so every main
/// build also carries a unique, sortable version. <c>latest</c> stays auto: it moves only on a stable release tag.
/// </summary>
public static class DefaultTagRules
{
    // The raw rule has metadata-action's raw priority (200): after the branch tag, never the main tag, never latest
    // under latest=auto.
    public const string Text = """
        type=ref,event=branch
        type=ref,event=pr
        type=semver,pattern={{version}}
        type=semver,pattern={{major}}.{{minor}}
        type=semver,pattern={{major}}
        type=sha
        type=raw,value={{gitversion}},enable={{is_branch}}
        """;

    public const string FlavorText = "latest=auto";

    public static IReadOnlyList<TagRule> Create(string gitVersionSemVer) => Create(Text, gitVersionSemVer);

    /// <summary>Rules from a text (<see cref="Text"/> or <c>--image-tags</c>'s), with the build's version filled in.</summary>
    public static IReadOnlyList<TagRule> Create(string text, string buildVersion) =>
        [.. TagRuleParser.Parse(text).Select(rule => rule.WithBuildVersion(buildVersion))];

    public static TagFlavor Flavor { get; } = TagFlavorParser.Parse(FlavorText);
}
