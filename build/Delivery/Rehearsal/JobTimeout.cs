using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tooling;

namespace Delivery.Rehearsal;

/// <summary>
/// <c>timeout-minutes</c> as GitHub's runner applies it. A job's (360 when unset) counts from its first step; when it
/// runs out the job is cancelled: the running step is killed, and only steps that run on cancellation (<c>always()</c>,
/// <c>cancelled()</c>) still run, each within the cancel timeout (5 minutes). A step's own <c>timeout-minutes</c> bounds
/// that step within what is left of the job's; a step that runs out fails, and the job goes on as after any failure.
/// </summary>
public sealed class JobTimeout
{
    public const double DefaultMinutes = 360;

    /// <summary>How long a step that runs on cancellation may take: GitHub's cancel-timeout-minutes default.</summary>
    public static readonly TimeSpan CancelTimeout = TimeSpan.FromMinutes(5);

    private readonly Stopwatch clock = Stopwatch.StartNew();

    public JobTimeout(double minutes) => Minutes = minutes;

    public double Minutes { get; }

    public bool Exceeded => clock.Elapsed >= TimeSpan.FromMinutes(Minutes);

    /// <summary>
    /// How long the next step may run: what is left of the job, or the cancel timeout once the job ran out; at most the
    /// step's own limit (<c>StepOwn</c>: that limit is the one that binds, so running past it fails only the step).
    /// </summary>
    public (TimeSpan Limit, bool StepOwn) StepLimit(double? stepMinutes)
    {
        var left = Exceeded ? CancelTimeout : TimeSpan.FromMinutes(Minutes) - clock.Elapsed;
        return stepMinutes is { } minutes && TimeSpan.FromMinutes(minutes) < left ? (TimeSpan.FromMinutes(minutes), true) : (left, false);
    }

    /// <summary>GitHub's message for a job that ran out of time.</summary>
    public string ExceededMessage => $"The job has exceeded the maximum execution time of {Text(Minutes)} minutes.";

    /// <summary>GitHub's message for a step that ran out of its own time.</summary>
    public static string StepTimedOutMessage(string step, double minutes) => $"The action '{step}' has timed out after {Text(minutes)} minutes.";

    /// <summary>
    /// The value of a <c>timeout-minutes:</c> (a number, or an expression that evaluates to one); null when unset.
    /// </summary>
    public static async Task<double?> ReadMinutesAsync(JsonNode? value, WorkflowHost host, ExpressionScope scope, string owner)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.GetValueKind() == JsonValueKind.Number ? value.ToString() : await host.InterpolateAsync(value.ToString(), scope);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) || !(minutes > 0))
        {
            throw new BuildFailedException($"{owner}: timeout-minutes '{text}' is not a positive number of minutes; GitHub would not run it either.");
        }

        return minutes;
    }

    private static string Text(double minutes) => minutes.ToString(CultureInfo.InvariantCulture);
}
