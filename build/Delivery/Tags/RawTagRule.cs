using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary>
/// <c>type=raw,value=…</c>: a fixed value, or one built from the event with <see cref="ValueExpressions"/>
/// (<c>mytag-{{branch}}</c>); an empty result yields no tag. Never <c>latest</c> under <c>latest=auto</c>.
/// </summary>
public sealed record RawTagRule(string Value) : TagRule
{
    /// <summary>Ours (metadata-action has no build version): stands for the version the build computed.</summary>
    public const string BuildVersionPlaceholder = "{{gitversion}}";

    /// <summary>The retention class of the value; null = classified from the tag as the registry would show it.</summary>
    public RetentionClass? Retention { get; init; }

    protected override int DefaultPriority => 200;

    protected override string DescribeType() => "type=raw," + RuleLine.Field("value", Value);

    public override TagRule WithBuildVersion(string version) =>
        this with { Value = Value.Replace(BuildVersionPlaceholder, version, StringComparison.Ordinal) };

    internal override TagValue? Evaluate(EventContext context) =>
        ValueExpressions.Expand(Value, context) is { Length: > 0 } value
            ? new TagValue(value, false, Retention ?? RetentionPolicy.Classify(value, context.DefaultBranch))
            : null;
}
