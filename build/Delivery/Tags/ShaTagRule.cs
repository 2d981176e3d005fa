using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

public enum ShaFormat
{
    /// <summary>The first 7 hex characters.</summary>
    Short,

    /// <summary>All 40.</summary>
    Long,
}

/// <summary><c>type=sha</c>: <c>sha-860c190</c> (or the full hash with <see cref="ShaFormat.Long"/>); never <c>latest</c>.</summary>
public sealed record ShaTagRule(ShaFormat Format = ShaFormat.Short) : TagRule
{
    private const int ShortLength = 7;

    protected override int DefaultPriority => 100;

    protected override string? DefaultPrefix => "sha-";

    protected override string DescribeType() => Format == ShaFormat.Long ? "type=sha,format=long" : "type=sha";

    internal override TagValue? Evaluate(EventContext context) =>
        string.IsNullOrEmpty(context.Sha)
            ? null
            : new TagValue(Format == ShaFormat.Short && context.Sha.Length > ShortLength ? context.Sha[..ShortLength] : context.Sha,
                false, RetentionClass.Commit);
}
