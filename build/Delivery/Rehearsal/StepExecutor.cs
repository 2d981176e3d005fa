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
    /// <summary>How long a step's docker exec may take to return once every process in the container was killed.</summary>
    private static readonly TimeSpan StepEndAfterKill = TimeSpan.FromSeconds(30);

    public async Task<StepResult> RunAsync(JsonObject step, int number, ExpressionScope jobScope,
        IReadOnlyDictionary<string, string> defaults, IReadOnlyDictionary<string, string> jobEnvironment, StringBuilder summary, JobTimeout timeout)
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

        var stepMinutes = await JobTimeout.ReadMinutesAsync(step["timeout-minutes"], rehearsal.Host, scope, $"step '{name}'");
        var (limit, stepOwn) = timeout.StepLimit(stepMinutes);
        var work = ExecuteAsync(step, run, uses, scope, defaults, environment, summary);
        var (outcome, outputs, timedOut) = await BoundedAsync(work, limit);
        var jobTimedOut = timedOut && !stepOwn;
        if (timedOut)
        {
            outcome = ActionOutcome.Failed(jobTimedOut ? timeout.ExceededMessage : JobTimeout.StepTimedOutMessage(name, stepMinutes!.Value));
        }

        var continueOnError = !jobTimedOut && step["continue-on-error"]?.ToString() is { } flag && await rehearsal.Host.IsTrueAsync(flag, scope);
        var outcomeText = outcome.Succeeded ? JobResult.Success : JobResult.Failure;
        var conclusion = outcome.Succeeded || continueOnError ? JobResult.Success : JobResult.Failure;
        Record(step, outcomeText, conclusion, outputs);
        if (conclusion == JobResult.Failure)
        {
            context.Status = JobStatus.Failure;
            rehearsal.Logger.Error("  step {Number} {Name} failed: {Error}", number, name, outcome.Error);
        }

        if (jobTimedOut)
        {
            // The job is cancelled: from here on only steps that run on cancellation run.
            context.Status = JobStatus.Cancelled;
        }

        if (outcome.StandIn is not null)
        {
            rehearsal.Logger.Information("  stand-in: {StandIn}", outcome.StandIn);
        }

        return new StepResult(name, conclusion, outcome.StandIn, clock.Elapsed, outcome.Error);
    }

    /// <summary>A run: script, or a uses: action through its local equivalent.</summary>
    private async Task<(ActionOutcome Outcome, IReadOnlyDictionary<string, string> Outputs)> ExecuteAsync(JsonObject step, string? run, string? uses,
        ExpressionScope scope, IReadOnlyDictionary<string, string> defaults, Dictionary<string, string> environment, StringBuilder summary)
    {
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

                var (outcome, outputs, stepSummary) = await stepRunner.RunScriptAsync(step, script, processEnvironment);
                summary.Append(stepSummary);
                return (rehearsal.ToolsMirror.StandInFor(script) is { } toolStandIn ? outcome with { StandIn = toolStandIn } : outcome, outputs);
            }

            var with = await ExpressionMaps.EvaluateAsync(rehearsal.Host, step["with"] as JsonObject, scope.With("env", ExpressionMaps.ToJson(environment)));
            var invocation = new StepInvocation(context, with);
            return (await stepRunner.RunActionAsync(invocation, uses ?? ""), invocation.Outputs);
        }
        catch (Exception exception) when (exception is BuildFailedException or InvalidOperationException or IOException)
        {
            return (ActionOutcome.Failed(exception.Message), new Dictionary<string, string>());
        }
    }

    /// <summary>
    /// The step, stopped when it runs past <paramref name="limit"/> as the runner stops it: every process it started in the
    /// job's container is killed, which ends the docker exec that ran it.
    /// </summary>
    private async Task<(ActionOutcome Outcome, IReadOnlyDictionary<string, string> Outputs, bool TimedOut)> BoundedAsync(
        Task<(ActionOutcome Outcome, IReadOnlyDictionary<string, string> Outputs)> work, TimeSpan limit)
    {
        using var stop = new CancellationTokenSource();
        if (await Task.WhenAny(work, Task.Delay(limit > TimeSpan.Zero ? limit : TimeSpan.Zero, stop.Token)) == work)
        {
            await stop.CancelAsync();
            var (outcome, outputs) = await work;
            return (outcome, outputs, false);
        }

        rehearsal.Logger.Warning("  the step ran past its time ({Limit}): killing its processes in {Container}", DurationText.Format(limit), context.Container.Name);
        await context.Container.KillProcessesAsync();
        if (await Task.WhenAny(work, Task.Delay(StepEndAfterKill)) != work)
        {
            throw new BuildFailedException(
                $"A step of job '{context.JobId}' ran past its time and did not end within {StepEndAfterKill.TotalSeconds:0} s of its processes being killed in {context.Container.Name}: what it waits for is outside the runner container.");
        }

        return ((await work).Outcome, new Dictionary<string, string>(), true);
    }

    private void Record(JsonObject step, string outcome, string conclusion, IReadOnlyDictionary<string, string> outputs)
    {
        if (step["id"]?.ToString() is { Length: > 0 } stepId)
        {
            context.Steps[stepId] = new JsonObject { ["outcome"] = outcome, ["conclusion"] = conclusion, ["outputs"] = ExpressionMaps.ToJson(outputs) };
        }
    }
}
