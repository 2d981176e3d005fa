using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary>
/// One line of metadata-action's <c>tags:</c> input as a typed value. A rule looks at the event and yields at
/// most one tag value; <see cref="TagEvaluator"/> orders rules by <see cref="EffectivePriority"/> and combines them.
/// </summary>
public abstract record TagRule
{
    /// <summary>metadata-action's <c>enable=</c>: a disabled rule yields nothing.</summary>
    public TagCondition Enable { get; init; } = TagCondition.Always;

    /// <summary>metadata-action's <c>priority=</c>; null = the rule type's default (semver 900 … sha 100).</summary>
    public int? Priority { get; init; }

    /// <summary>Put before the value; null = the rule type's own default, else the flavor's prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>Put after the value; null = the flavor's suffix.</summary>
    public string? Suffix { get; init; }

    public int EffectivePriority => Priority ?? DefaultPriority;

    protected abstract int DefaultPriority { get; }

    /// <summary>A prefix the rule type always has (pr-, sha-), which the flavor's prefix does not replace.</summary>
    protected virtual string? DefaultPrefix => null;

    /// <summary>
    /// The rule as metadata-action's input (and <c>--image-tags</c>) writes it, for the build log: the type's own
    /// attributes, then only the common ones that differ from the defaults, so <see cref="TagRuleParser"/> reads
    /// back the same rule.
    /// </summary>
    public string Describe()
    {
        var fields = new List<string> { DescribeType() };
        AddIfSet(fields, "prefix", Prefix);
        AddIfSet(fields, "suffix", Suffix);
        if (Enable != TagCondition.Always)
        {
            fields.Add(RuleLine.Field("enable", Enable.Expression));
        }

        AddIfSet(fields, "priority", Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(',', fields);
    }

    /// <summary><c>type=…</c> and the attributes only this type has.</summary>
    protected abstract string DescribeType();

    /// <summary>The rule with <see cref="RawTagRule.BuildVersionPlaceholder"/> replaced by the build's version.</summary>
    public virtual TagRule WithBuildVersion(string version) => this;

    /// <summary>The value (before prefix and suffix) this rule makes of the event, or null when it does not apply.</summary>
    internal abstract TagValue? Evaluate(EventContext context);

    private static void AddIfSet(List<string> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields.Add(RuleLine.Field(key, value));
        }
    }

    /// <summary>The value with its prefix and suffix, whose expressions (<c>{{date …}}</c>, <c>{{branch}}</c>, …) are expanded as metadata-action's.</summary>
    internal string Decorate(string value, TagFlavor flavor, EventContext context) =>
        ValueExpressions.Expand(Prefix ?? DefaultPrefix ?? flavor.Prefix, context) + value + ValueExpressions.Expand(Suffix ?? flavor.Suffix, context);
}

/// <summary>What a rule yields: the value, whether <c>latest=auto</c> adds <c>latest</c> for it, and its retention class.</summary>
internal sealed record TagValue(string Value, bool LatestWhenAuto, RetentionClass Retention);
