using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary><c>type=raw,value=…</c>: a fixed value; never <c>latest</c> under <c>latest=auto</c>.</summary>
public sealed record RawTagRule(string Value) : TagRule
{
    /// <summary>The retention class of the value; null = classified from the tag as the registry would show it.</summary>
    public RetentionClass? Retention { get; init; }

    protected override int DefaultPriority => 200;

    public override string Describe() => $"type=raw,value={Value}";

    internal override TagValue? Evaluate(EventContext context) =>
        Value.Length == 0 ? null : new TagValue(Value, false, Retention ?? RetentionPolicy.Classify(Value, context.DefaultBranch));
}
