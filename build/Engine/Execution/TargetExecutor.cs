using System.Diagnostics;
using Serilog;
using Tooling;

namespace BuildEngine;

/// <summary>
/// Runs the plan in order. After a failure (or cancellation) only assured targets still run; a target whose
/// dependency did not succeed is NotRun; ProceedAfterFailure lets unrelated targets continue.
/// </summary>
internal sealed class TargetExecutor(BuildHost host, ILogger log, BuildCancellation cancellation, Action<ExecutableTarget>? onSucceeded = null)
{
    private static readonly AsyncLocal<ExecutableTarget?> Running = new();

    /// <summary>The target whose actions are running in this flow (for <see cref="BuildBase.SummaryNote"/>); null outside them.</summary>
    public static ExecutableTarget? Current => Running.Value;

    /// <returns>true when every target that ran succeeded.</returns>
    public async Task<bool> RunAsync(IReadOnlyList<ExecutableTarget> plan)
    {
        var stopped = false; // a failure without ProceedAfterFailure, or a cancellation
        var failed = false;
        foreach (var target in plan.Where(target => target.Status == TargetStatus.Pending))
        {
            if (cancellation.IsCancelled)
            {
                stopped = true;
                cancellation.EnterAssuredPhase();
            }

            if (!target.IsAssuredAfterFailure)
            {
                if (stopped)
                {
                    MarkNotRun(target, cancellation.IsCancelled ? "the build was cancelled" : "an earlier target failed");
                    continue;
                }

                if (target.Dependencies.FirstOrDefault(dependency => dependency.Status is TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted) is { } broken)
                {
                    MarkNotRun(target, $"dependency {broken.Name} did not succeed");
                    continue;
                }
            }

            await RunAsync(target);
            failed |= target.Status is TargetStatus.Failed or TargetStatus.Aborted;
            stopped |= target.Status == TargetStatus.Aborted || (target.Status == TargetStatus.Failed && !target.IsProceedAfterFailure);
        }

        return !failed && !cancellation.IsCancelled;
    }

    private async Task RunAsync(ExecutableTarget target)
    {
        if (target.Definition.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate()) is { } condition)
        {
            target.Status = TargetStatus.Skipped;
            target.Note = $"OnlyWhen: {condition.Text}";
            log.Debug("Skipping {Target}: {Condition} is false", target.Name, condition.Text);
            return;
        }

        host.BeginTarget(target.Name);
        var stopwatch = Stopwatch.StartNew();
        // Flows into the actions and what they await; this method's return restores the caller's (null) value.
        Running.Value = target;
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                await WithCancellation(action());
            }

            target.Status = target.Definition.Actions.Count == 0 ? TargetStatus.Collective : TargetStatus.Succeeded;
            onSucceeded?.Invoke(target);
        }
        catch (OperationCanceledException) when (cancellation.IsCancelled)
        {
            target.Status = TargetStatus.Aborted;
            target.Note = "cancelled";
            log.Error("Target {Target} was cancelled", target.Name);
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            // The note outlives the log (summary, metrics, a failure issue): masked here, once, for all of them.
            target.Note = host.Masker.Redact(exception.Message);
            if (exception is BuildFailedException)
            {
                log.Error("Target {Target} failed: {Message}", target.Name, exception.Message);
            }
            else
            {
                log.Error(exception, "Target {Target} failed: {Message}", target.Name, exception.Message);
            }
        }
        finally
        {
            Running.Value = null;
            target.Duration = stopwatch.Elapsed;
            host.EndTarget(target.Name);
        }
    }

    // Ctrl-C must not wait for an action that ignores cancellation: the target is abandoned and marked Aborted.
    private async Task WithCancellation(Task action)
    {
        var token = cancellation.Current;
        if (!token.CanBeCanceled)
        {
            await action;
            return;
        }

        var cancelled = Task.Delay(Timeout.Infinite, token);
        if (await Task.WhenAny(action, cancelled) == cancelled)
        {
            throw new OperationCanceledException(token);
        }

        await action;
    }

    private static void MarkNotRun(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.NotRun;
        target.Note = reason;
    }
}
