using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// What to rehearse: the event GitHub would deliver, the ref it is delivered for, whether a pull request comes
/// from a fork, and one workflow file or (null) every workflow the event triggers.
/// </summary>
public sealed record RehearsalRequest(string EventName, GitReference Ref, bool Fork, string? Workflow)
{
    /// <summary>The events this project's workflows are triggered by, and so the ones a rehearsal can deliver.</summary>
    public static readonly IReadOnlyList<string> Events = ["push", "pull_request", "schedule", "workflow_dispatch"];

    public static string CheckEvent(string name) =>
        Events.Contains(name)
            ? name
            : throw new BuildFailedException(
                $"--rehearse-event '{name}' is not one the workflows are rehearsed for. Use one of: {string.Join(", ", Events)}.");

    public bool IsPullRequest => EventName == "pull_request";
}
