using Delivery.Events;
using Delivery.Retention;
using Delivery.Versioning;

namespace Delivery.Tags;

/// <summary>
/// <c>type=ref,event=branch|tag|pr</c>: the branch name (<c>feature/x</c> → <c>feature-x</c>), the git tag as is,
/// or <c>pr-42</c>. Only a git tag counts for <c>latest=auto</c>.
/// </summary>
public sealed record RefTagRule(RefKind Event) : TagRule
{
    protected override int DefaultPriority => 600;

    protected override string? DefaultPrefix => Event == RefKind.PullRequest ? "pr-" : null;

    protected override string DescribeType() =>
        $"type=ref,event={Event switch { RefKind.Branch => "branch", RefKind.Tag => "tag", RefKind.PullRequest => "pr", _ => "other" }}";

    internal override TagValue? Evaluate(EventContext context)
    {
        if (context.Kind != Event)
        {
            return null;
        }

        return Event switch
        {
            RefKind.Branch => new TagValue(context.BranchName!, false,
                context.IsDefaultBranch ? RetentionClass.DefaultBranch : RetentionClass.Branch),
            RefKind.Tag => new TagValue(context.TagName!, true,
                SemanticVersion.TryParse(context.TagName!) is { } version ? RetentionPolicy.ForVersion(version) : RetentionClass.StableRelease),
            RefKind.PullRequest when context.PullRequest is { } number => new TagValue(
                number.ToString(System.Globalization.CultureInfo.InvariantCulture), false, RetentionClass.PullRequest),
            _ => null,
        };
    }
}
