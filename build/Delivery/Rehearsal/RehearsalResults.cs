using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>One step of a rehearsed job: success, failure or skipped; what stood in for it; why it failed.</summary>
public sealed record StepResult(string Name, string Conclusion, string? StandIn, TimeSpan Duration, string? Error = null);

/// <summary>One rehearsed job or matrix leg: success, failure, skipped or cancelled, with its token's scopes and steps.</summary>
public sealed record JobResult(
    string Workflow,
    string Id,
    string Name,
    string Conclusion,
    IReadOnlyDictionary<string, string>? Permissions,
    TimeSpan Duration,
    IReadOnlyList<StepResult> Steps,
    IReadOnlyList<string> StandIns,
    string? Error = null,
    JsonObject? Matrix = null,
    IReadOnlyDictionary<string, string>? Outputs = null,
    IReadOnlyList<string>? Caches = null)
{
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}
