namespace Delivery.Retention;

/// <summary>
/// How long an image tag must stay in the registry, by what the tag stands for. docs/versioning.md has the
/// table; <see cref="RetentionPolicy"/> turns a class into a duration and classifies registry tags.
/// </summary>
public enum RetentionClass
{
    /// <summary>Stable semver (<c>1.2.3</c>, <c>1.2</c>, <c>1</c>) and <c>latest</c>: what users deploy. Kept forever.</summary>
    StableRelease,

    /// <summary>The default branch's moving tag (<c>main</c>, <c>edge</c>): always the newest build. Kept.</summary>
    DefaultBranch,

    /// <summary>Semver with a pre-release part: release candidates (<c>2.0.0-rc.1</c>) and GitVersion's build versions (<c>1.2.4-3</c>).</summary>
    PreRelease,

    /// <summary>Any other branch's tag (<c>feature-foo</c>).</summary>
    Branch,

    /// <summary><c>pr-42</c>.</summary>
    PullRequest,

    /// <summary><c>sha-860c190</c>: one commit's build.</summary>
    Commit,
}
