namespace Delivery.Rehearsal;

/// <summary>How an action's local equivalent ended, and what it substituted for the real action (null: nothing).</summary>
public sealed record ActionOutcome(bool Succeeded, string? StandIn = null, string? Error = null)
{
    public static ActionOutcome Done(string? standIn = null) => new(true, standIn);

    public static ActionOutcome Failed(string error, string? standIn = null) => new(false, standIn, error);
}

/// <summary>
/// The local equivalent of one action (actions/checkout, …): what the action does, done here without the
/// network. <see cref="Action"/> is the action's owner/name[/path], without @version.
/// </summary>
public interface IActionEquivalent
{
    string Action { get; }

    Task<ActionOutcome> RunAsync(StepInvocation step);
}

/// <summary>What an action equivalent gets: the job, the step's evaluated <c>with:</c>, and where to put outputs.</summary>
public sealed class StepInvocation(JobContext job, IReadOnlyDictionary<string, string> with)
{
    public JobContext Job { get; } = job;

    public IReadOnlyDictionary<string, string> With { get; } = with;

    public Dictionary<string, string> Outputs { get; } = [];

    public string Input(string name, string fallback = "") =>
        With.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback;

    public bool Flag(string name, bool fallback) =>
        With.TryGetValue(name, out var value) && value.Length > 0 ? value.Equals("true", StringComparison.OrdinalIgnoreCase) : fallback;

    /// <summary>Lines of a multi-line input, trimmed, without empty ones (path:, restore-keys:).</summary>
    public IReadOnlyList<string> Lines(string name) =>
        [.. Input(name).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}
