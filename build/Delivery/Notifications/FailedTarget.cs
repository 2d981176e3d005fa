using BuildEngine;

namespace Delivery.Notifications;

/// <summary>A target that failed, with the first line of what it said (the rest is in the run's log).</summary>
public sealed record FailedTarget(string Name, string Message)
{
    /// <summary>The failed and aborted targets of an executed plan, in the order they ran.</summary>
    public static IReadOnlyList<FailedTarget> FromPlan(IEnumerable<ExecutableTarget> plan) =>
        [.. plan.Where(target => target.Status is TargetStatus.Failed or TargetStatus.Aborted)
            .Select(target => new FailedTarget(target.Name, FirstLine(target.Note)))];

    private static string FirstLine(string? note) =>
        note?.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : "(no message)";
}
