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
/// <c>latest</c> itself gets the prefix or suffix only with <c>onlatest=true</c>.
/// </summary>
public sealed record TagFlavor(LatestMode Latest = LatestMode.Auto, string Prefix = "", string Suffix = "")
{
    public static TagFlavor Default { get; } = new();

    /// <summary>metadata-action's <c>prefix=…,onlatest=true</c>.</summary>
    public bool PrefixOnLatest { get; init; }

    /// <summary>metadata-action's <c>suffix=…,onlatest=true</c>.</summary>
    public bool SuffixOnLatest { get; init; }

    /// <summary>The <c>latest</c> tag as this flavor writes it.</summary>
    public string LatestTag => (PrefixOnLatest ? Prefix : "") + TagEvaluator.Latest + (SuffixOnLatest ? Suffix : "");

    /// <summary>The flavor as <c>--image-flavor</c> writes it (what differs from the default), read back by <see cref="TagFlavorParser"/>.</summary>
    public string Describe()
    {
        var lines = new List<string> { "latest=" + Latest.ToString().ToLowerInvariant() };
        if (Prefix.Length > 0 || PrefixOnLatest)
        {
            lines.Add(RuleLine.Field("prefix", Prefix) + (PrefixOnLatest ? ",onlatest=true" : ""));
        }

        if (Suffix.Length > 0 || SuffixOnLatest)
        {
            lines.Add(RuleLine.Field("suffix", Suffix) + (SuffixOnLatest ? ",onlatest=true" : ""));
        }

        return string.Join('\n', lines);
    }
}
