using Serilog.Core;
using Serilog.Events;
using Tooling;

namespace BuildEngine;

/// <summary>
/// On GitHub Actions: each target is a collapsible <c>::group::</c>, warnings and errors also become
/// <c>::warning::</c>/<c>::error::</c> annotations, and the summary is appended to <c>$GITHUB_STEP_SUMMARY</c>.
/// </summary>
internal sealed class GitHubActionsHost(TextWriter output, SecretMasker masker, bool colors, string? stepSummaryPath)
    : BuildHost(output, masker, colors)
{
    public override HostKind Kind => HostKind.GitHubActions;

    public override void BeginTarget(string name)
    {
        WriteLine($"::group::{Escape(name)}");
        base.BeginTarget(name);
    }

    public override void EndTarget(string name) => WriteLine("::endgroup::");

    public override ILogEventSink CreateAnnotationSink() => new AnnotationSink(this);

    public override void PublishSummary(string markdown)
    {
        if (!string.IsNullOrEmpty(stepSummaryPath))
        {
            File.AppendAllText(stepSummaryPath, Masker.Redact(markdown));
        }
    }

    /// <summary>Workflow commands end at a newline, so data must escape %, CR and LF.</summary>
    public static string Escape(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>
    /// A target's failure is titled "Target &lt;name&gt; failed", so the annotation (and GitHub's check-run API,
    /// which reports like CiReport read) names the target without parsing the message.
    /// </summary>
    private static string Title(LogEvent logEvent) =>
        logEvent.Level >= LogEventLevel.Error && logEvent.Properties.TryGetValue("Target", out var target) && target is ScalarValue { Value: string name }
            ? $" title={EscapeProperty($"{FailedTargetTitlePrefix}{name} failed")}"
            : "";

    /// <summary>The start of a failed target's annotation title: "Target Test failed".</summary>
    public const string FailedTargetTitlePrefix = "Target ";

    /// <summary>Properties of a workflow command also escape the separators <c>:</c> and <c>,</c>.</summary>
    private static string EscapeProperty(string text) =>
        Escape(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private sealed class AnnotationSink(GitHubActionsHost host) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            var command = logEvent.Level switch
            {
                LogEventLevel.Warning => "warning",
                >= LogEventLevel.Error => "error",
                _ => null,
            };
            if (command is not null)
            {
                host.WriteLine($"::{command}{Title(logEvent)}::{Escape(LogText.Render(logEvent))}");
            }
        }
    }
}
