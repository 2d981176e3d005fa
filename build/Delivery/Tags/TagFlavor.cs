namespace Delivery.Tags;

/// <summary>metadata-action's <c>flavor: latest=auto|true|false</c>.</summary>
public enum LatestMode
{
    /// <summary>Added when the highest-priority rule that produced a tag is a stable semver or a git tag.</summary>
    Auto,
    True,
    False,
}

/// <summary>
/// Defaults for every rule (metadata-action's <c>flavor</c> input): the <c>latest</c> mode, and a prefix and
/// suffix for rules that set none of their own (pr and sha rules always have their own: <c>pr-</c>, <c>sha-</c>).
/// </summary>
public sealed record TagFlavor(LatestMode Latest = LatestMode.Auto, string Prefix = "", string Suffix = "")
{
    public static TagFlavor Default { get; } = new();
}
