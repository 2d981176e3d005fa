namespace Delivery.Scanning;

/// <summary>The findings as a Markdown table for the GitHub step summary (and the log), worst first.</summary>
public static class FindingsTable
{
    private static readonly string[] SeverityOrder = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];

    public static string ToMarkdown(string title, GateResult result)
    {
        var rows = result.Blocking.Select(vulnerability => (vulnerability, Verdict: "fails the build"))
            .Concat(result.ReportedOnly.Select(vulnerability => (vulnerability, Verdict: "no fix yet")))
            .OrderBy(row => Array.IndexOf(SeverityOrder, row.vulnerability.Severity))
            .ThenBy(row => row.vulnerability.Id, StringComparer.Ordinal)
            .ToList();
        var lines = new List<string>
        {
            $"### {title}",
            "",
            $"{(result.Passed ? "Passed" : "Failed")}: {result.Blocking.Count} blocking, {result.ReportedOnly.Count} without a fix, {result.Ignored} ignored (.trivyignore).",
        };
        if (rows.Count > 0)
        {
            lines.AddRange(["", "| Severity | Vulnerability | Package | Installed | Fixed in | Verdict |", "|---|---|---|---|---|---|"]);
            lines.AddRange(rows.Select(row =>
                $"| {row.vulnerability.Severity} | {Cell(row.vulnerability.Id)} | {Cell(row.vulnerability.Package)} | {Cell(row.vulnerability.InstalledVersion)} | {Cell(row.vulnerability.FixedVersion ?? "")} | {row.Verdict} |"));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
