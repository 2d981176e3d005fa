using System.Globalization;
using System.Text;
using Tooling;

namespace BuildEngine;

/// <summary>The end-of-build table (Target | Status | Duration | notes), as text for the terminal and as Markdown for CI.</summary>
internal static class BuildSummary
{
    public static string ToText(IReadOnlyList<ExecutableTarget> plan, TimeSpan total)
    {
        var nameWidth = Math.Max(20, plan.Max(target => target.Name.Length) + 2);
        const int statusWidth = 12;
        const int durationWidth = 10;
        var width = nameWidth + statusWidth + durationWidth;
        var text = new StringBuilder();
        text.AppendLine(new string('═', width));
        text.AppendLine($"{"Target".PadRight(nameWidth)}{"Status".PadRight(statusWidth)}{"Duration",durationWidth}");
        text.AppendLine(new string('─', width));
        foreach (var target in plan)
        {
            var line = $"{target.Name.PadRight(nameWidth)}{target.Status.ToString().PadRight(statusWidth)}{FormatDuration(target),durationWidth}";
            text.AppendLine(target.Note is null ? line : $"{line}   // {Shorten(FirstLine(target.Note))}");
        }

        text.AppendLine(new string('─', width));
        text.AppendLine($"{"Total".PadRight(nameWidth + statusWidth)}{DurationText.Format(total),durationWidth}");
        text.AppendLine(new string('═', width));
        return text.ToString();
    }

    public static string ToMarkdown(IReadOnlyList<ExecutableTarget> plan, TimeSpan total, string outcome)
    {
        var text = new StringBuilder();
        text.AppendLine("| Target | Status | Duration | Notes |");
        text.AppendLine("|:--|:--|--:|:--|");
        foreach (var target in plan)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {target.Name} | {Icon(target.Status)} {target.Status} | {FormatDuration(target)} | {EscapeCell(FirstLine(target.Note ?? ""))} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| **Total** | | **{DurationText.Format(total)}** | |");
        text.AppendLine();
        text.AppendLine(outcome);
        text.AppendLine();
        return text.ToString();
    }

    private static string FormatDuration(ExecutableTarget target) =>
        target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Collective
            ? DurationText.Format(target.Duration)
            : "";

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd();

    // The table stays readable; the whole message is in the "Errors & Warnings" block above it.
    private static string Shorten(string text) => text.Length <= NoteWidth ? text : text[..(NoteWidth - 1)] + "…";

    private const int NoteWidth = 100;

    private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Icon(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded or TargetStatus.Collective => "✅",
        TargetStatus.Failed or TargetStatus.Aborted => "❌",
        TargetStatus.Skipped => "⏭️",
        _ => "⏸️",
    };
}
