using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary><c>type=edge</c>: <c>edge</c> for a push to <see cref="Branch"/> (default: the repository's default branch).</summary>
public sealed record EdgeTagRule(string? Branch = null) : TagRule
{
    protected override int DefaultPriority => 700;

    protected override string DescribeType() => "type=edge" + (Branch is null ? "" : "," + RuleLine.Field("branch", Branch));

    internal override TagValue? Evaluate(EventContext context) =>
        context.BranchName is { } branch && branch == (Branch ?? context.DefaultBranch)
            ? new TagValue("edge", false, RetentionClass.DefaultBranch)
            : null;
}
