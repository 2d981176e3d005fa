using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// One step of a job as GitHub runs it: its if: against the job's status, its env: over the job's, a run: script or a
/// uses: action, continue-on-error, and its outcome and outputs recorded for steps.* and the job's status.
/// </summary>
internal sealed class StepExecutor(RehearsalSession rehearsal, JobContext context, StepRunner stepRunner)
{
    public async Task<StepResult> RunAsync(JsonObject step, int number, ExpressionScope jobScope,
        IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> jobEnvironment, StringBuilder summary)
    {
        var clock = Stopwatch.StartNew();
        var environment = new Dictionary<string, string>(jobEnvironment);
        foreach (var (variable, value) in context.ExportedEnvironment)
        {
            environment[variable] = value;
        }

        var scope = (jobScope with { Status = context.Status, Workspace = context.Paths.Workspace })
            .With("env", ExpressionMaps.ToJson(environment))
            .With("steps", context.Steps)
            .With("job", new JsonObject { ["status"] = context.Status.ToString().ToLowerInvariant() });
        var uses = step["uses"]?.ToString();
        var run = step["run"]?.ToString();
        var name = step["name"]?.ToString() is { Length: > 0 } given
            ? await rehearsal.Host.InterpolateAsync(given, scope)
            : uses is not null ? $"Run {uses}" : $"Run {run?.Split('\n')[0]}";
        var condition = step["if"]?.ToString() is { Length: > 0 } expression ? expression : "success()";
        if (!await rehearsal.Host.IsTrueAsync(JobRunner.ImplicitSuccess(condition), scope))
        {
            rehearsal.Logger.Information("  step {Number} {Name}: skipped", number, name);
            Record(step, JobResult.Skipped, JobResult.Skipped, new Dictionary<string, string>());
            return new StepResult(name, JobResult.Skipped, null, TimeSpan.Zero);
        }

        rehearsal.Logger.Information("  step {Number} {Name}", number, name);
        foreach (var (variable, value) in await ExpressionMaps.EvaluateAsync(rehearsal.Host, step["env"] as JsonObject, scope))
        {
            environment[variable] = value;
        }

        ActionOutcome outcome;
        IReadOnlyDictionary<string, string> outputs;
        try
        {
            if (run is not null)
            {
                var script = await rehearsal.Host.InterpolateAsync(run, scope.With("env", ExpressionMaps.ToJson(environment)));
                var processEnvironment = new Dictionary<string, string>(defaults);
                foreach (var (variable, value) in environment)
                {
                    processEnvironment[variable] = value;
                }

                (outcome, outputs, var stepSummary) = await stepRunner.RunScriptAsync(step, script, processEnvironment);
                summary.Append(stepSummary);
                if (rehearsal.ToolsMirror.StandInFor(script) is { } toolStandIn)
                {
                    outcome = outcome with { StandIn = toolStandIn };
                }
            }
            else
            {
                var with = await ExpressionMaps.EvaluateAsync(rehearsal.Host, step["with"] as JsonObject, scope.With("env", ExpressionMaps.ToJson(environment)));
                var invocation = new StepInvocation(context, with);
                outcome = await stepRunner.RunActionAsync(invocation, uses ?? "");
                outputs = invocation.Outputs;
            }
        }
        catch (Exception exception) when (exception is BuildFailedException or InvalidOperationException or IOException)
        {
            outcome = ActionOutcome.Failed(exception.Message);
            outputs = new Dictionary<string, string>();
        }

        var continueOnError = step["continue-on-error"]?.ToString() is { } flag && await rehearsal.Host.IsTrueAsync(flag, scope);
        var outcomeText = outcome.Succeeded ? JobResult.Success : JobResult.Failure;
        var conclusion = outcome.Succeeded || continueOnError ? JobResult.Success : JobResult.Failure;
        Record(step, outcomeText, conclusion, outputs);
        if (conclusion == JobResult.Failure)
        {
            context.Status = JobStatus.Failure;
            rehearsal.Logger.Error("  step {Number} {Name} failed: {Error}", number, name, outcome.Error);
        }

        if (outcome.StandIn is not null)
        {
            rehearsal.Logger.Information("  stand-in: {StandIn}", outcome.StandIn);
        }

        return new StepResult(name, conclusion, outcome.StandIn, clock.Elapsed, outcome.Error);
    }

    private void Record(JsonObject step, string outcome, string conclusion, IReadOnlyDictionary<string, string> outputs)
    {
        if (step["id"]?.ToString() is { Length: > 0 } stepId)
        {
            context.Steps[stepId] = new JsonObject { ["outcome"] = outcome, ["conclusion"] = conclusion, ["outputs"] = ExpressionMaps.ToJson(outputs) };
        }
    }
}
