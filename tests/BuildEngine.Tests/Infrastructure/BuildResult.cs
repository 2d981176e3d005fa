using System.Text.RegularExpressions;

namespace BuildEngine.Tests;

/// <summary>What one build invocation returned and printed (line endings normalised to \n).</summary>
public sealed record BuildResult(int ExitCode, string Output)
{
    /// <summary>The status the summary table shows for a target, e.g. "Succeeded", or null when it is not listed.</summary>
    public string? SummaryStatusOf(string target)
    {
        var row = Regex.Match(Output, $@"^{Regex.Escape(target)}\s+(?<status>Pending|Succeeded|Failed|Skipped|NotRun|Aborted|Collective)\b.*$", RegexOptions.Multiline);
        return row.Success ? row.Groups["status"].Value : null;
    }

    /// <summary>The summary row of a target, with the note after "//".</summary>
    public string? SummaryRowOf(string target)
    {
        var row = Regex.Match(Output, $@"^{Regex.Escape(target)}\s+(Pending|Succeeded|Failed|Skipped|NotRun|Aborted|Collective)\b.*$", RegexOptions.Multiline);
        return row.Success ? row.Value : null;
    }

    public override string ToString() => $"exit code {ExitCode}\n{Output}";
}
