namespace Delivery.Notifications;

/// <summary>A target that failed, with the first line of what it said (the rest is in the run's log).</summary>
public sealed record FailedTarget(string Name, string Message)
{
    /// <summary>The matrix leg it failed on, as its platform slug (linux-arm64); null in a job without legs.</summary>
    public string? Leg { get; init; }

    /// <summary>The first non-blank line of a target's note; "(no message)" for none.</summary>
    public static string FirstLine(string? note) =>
        note?.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : "(no message)";
}
