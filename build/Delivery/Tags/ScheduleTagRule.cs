using Delivery.Events;
using Delivery.Retention;

namespace Delivery.Tags;

/// <summary>
/// <c>type=schedule,pattern=…</c>: on a scheduled run only (GITHUB_EVENT_NAME <c>schedule</c>), the pattern with its
/// <c>{{date 'FORMAT' tz='Zone'}}</c> expressions rendered at the build's instant; <c>nightly</c> by default. Like
/// metadata-action's, it has the highest default priority (1000) and never makes <c>latest</c> under <c>latest=auto</c>.
/// </summary>
public sealed record ScheduleTagRule(string Pattern = ScheduleTagRule.DefaultPattern) : TagRule
{
    public const string DefaultPattern = "nightly";

    protected override int DefaultPriority => 1000;

    protected override string DescribeType() =>
        Pattern == DefaultPattern ? "type=schedule" : "type=schedule," + RuleLine.Field("pattern", Pattern);

    // metadata-action tests the event name with /schedule/, not for equality; so do we.
    internal override TagValue? Evaluate(EventContext context) =>
        context.EventName.Contains("schedule", StringComparison.Ordinal) && ValueExpressions.Expand(Pattern, context) is { Length: > 0 } value
            ? new TagValue(value, false, RetentionPolicy.Classify(value, context.DefaultBranch))
            : null;
}
