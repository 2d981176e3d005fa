using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// What an expression sees: the contexts (github, env, matrix, needs, secrets, runner, inputs, job, steps,
/// strategy), the status functions' answers, and the workspace that hashFiles() reads.
/// </summary>
public sealed record ExpressionScope(JsonObject Contexts, JobStatus Status, string? Workspace)
{
    public ExpressionScope With(string context, JsonNode? value)
    {
        var contexts = Contexts.DeepClone().AsObject();
        contexts[context] = value?.DeepClone();
        return this with { Contexts = contexts };
    }

    internal JsonObject Request(string operation, string field, string text) => new()
    {
        ["op"] = operation,
        [field] = text,
        ["context"] = Contexts.DeepClone(),
        ["status"] = new JsonObject
        {
            ["success"] = Status == JobStatus.Success,
            ["failure"] = Status == JobStatus.Failure,
            ["cancelled"] = Status == JobStatus.Cancelled,
        },
        ["workspace"] = Workspace,
    };
}

/// <summary>What success(), failure() and cancelled() answer: the status of the steps so far, or of the needed jobs.</summary>
public enum JobStatus
{
    Success,
    Failure,
    Cancelled,

    /// <summary>A needed job was skipped: neither success() nor failure() holds.</summary>
    Skipped,
}
