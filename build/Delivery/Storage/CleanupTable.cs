using System.Globalization;

namespace Delivery.Storage;

/// <summary>The plan as Markdown for the log and the step summary: what goes (in deletion order), then what stays, each with its reason.</summary>
public static class CleanupTable
{
    public static string ToMarkdown(PackageCoordinates package, CleanupPlan plan, bool applying, DateTimeOffset now)
    {
        var kept = plan.Kept.OrderByDescending(decision => decision.Version.UpdatedAt).ToList();
        var lines = new List<string>
        {
            $"### Cleanup of {package}{(applying ? "" : " (dry run: nothing is deleted without --apply)")}",
            "",
            string.Create(CultureInfo.InvariantCulture,
                $"{plan.Deletions.Count} of {plan.Decisions.Count} versions {(applying ? "to delete" : "would be deleted")}, {kept.Count} kept."),
            "",
            $"#### {(applying ? "Deleted" : "Would be deleted")}",
            "",
        };
        lines.AddRange(Rows(plan.Deletions, now));
        lines.AddRange(["", "#### Kept", ""]);
        lines.AddRange(Rows(kept, now));
        return string.Join("\n", lines) + "\n";
    }

    private static IEnumerable<string> Rows(IReadOnlyList<VersionDecision> decisions, DateTimeOffset now)
    {
        if (decisions.Count == 0)
        {
            return ["None."];
        }

        return new[] { "| Version id | Digest | Tags | Age | Size | Reason |", "|---:|---|---|---|---:|---|" }
            .Concat(decisions.Select(decision => string.Create(CultureInfo.InvariantCulture,
                $"| {decision.Version.Id} | `{StorageReport.Short(decision.Version.Digest)}` | {StorageReport.Tags(decision.Version.Tags)} | {Age.Describe(decision.Version.AgeAt(now))} | {ByteSizeText.Format(decision.Size)} | {decision.Reason.Replace("|", "\\|", StringComparison.Ordinal)} |")));
    }
}
