using System.Globalization;

namespace Delivery.Metrics;

/// <summary>
/// The image report: what the run built, how big it is and how that changed, as a Markdown table for the GitHub job
/// summary and as plain lines for the log. Every row says where its figure comes from.
/// </summary>
public static class ImageReport
{
    public const string Title = "Gateway image";

    public static string ToMarkdown(ImageMetrics image)
    {
        var lines = new List<string> { $"### {Title}", "", "| | |", "|---|---|" };
        lines.AddRange(Rows(image, code: true).Select(row => $"| {row.Label} | {row.Value.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        return string.Join('\n', lines) + "\n\n";
    }

    /// <summary>The same rows as <c>Label: value</c> lines, for the log.</summary>
    public static IReadOnlyList<string> ToLines(ImageMetrics image) => [.. Rows(image, code: false).Select(row => $"{row.Label}: {row.Value}")];

    private static IEnumerable<(string Label, string Value)> Rows(ImageMetrics image, bool code)
    {
        string Code(string text) => code ? $"`{text}`" : text;

        yield return ("Tags", image.References.Count == 0 ? "none" : string.Join(", ", image.References.Select(Code)));
        yield return ("Digest", image.Digest is { } digest ? Code(digest) : "not pushed");
        yield return ("Platforms", string.Join(", ", image.Platforms));
        yield return ("Compressed", image.CompressedBytes is { } compressed
            ? $"{ByteSizeText.Format(compressed)} ({DescribeSource(image.CompressedSizeSource)})"
            : "not measured");
        yield return ("Uncompressed", image.UncompressedBytes is { } uncompressed ? $"{ByteSizeText.Format(uncompressed)} (unpacked layers)" : "unknown");
        yield return ("Change", DescribeChange(image, Code));
        yield return ("Layers", image.Layers?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
        yield return ("Build context", image.ContextTransferBytes is { } context ? $"{ByteSizeText.Format(context)} transferred to the builder" : "not reported");
        yield return ("Cache", image.Cache?.ToString() ?? "not reported");
        if (image.Budget is { } budget)
        {
            yield return ("Size budget", DescribeBudget(image, budget, code ? "**over budget**" : "OVER BUDGET"));
        }
    }

    private static string DescribeSource(CompressedSizeSource? source) => source switch
    {
        CompressedSizeSource.Registry => "registry manifest",
        CompressedSizeSource.Measured => "measured: docker save, each layer gzipped",
        _ => "source unknown",
    };

    private static string DescribeChange(ImageMetrics image, Func<string, string> code)
    {
        if (image.Previous is not { } previous)
        {
            return "not compared";
        }

        if (image.CompressedSizeChange is { } change)
        {
            var against = $"{code(previous.Reference!)} ({code(Short(previous.Digest!))}, {ByteSizeText.Format(previous.CompressedBytes!.Value)})";
            var approximate = image.CompressedSizeSource == CompressedSizeSource.Measured ? "; this image measured locally, so roughly" : "";
            return $"{change} against {against}{approximate}";
        }

        return previous.Unavailable ?? "not compared: this image's compressed size is unknown";
    }

    private static string DescribeBudget(ImageMetrics image, BudgetMetrics budget, string overBudget)
    {
        var used = image.UncompressedBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} of ") : "";
        return budget.Exceeded
            ? $"{overBudget}: {used}{budget.LimitMb} MB uncompressed (action: {budget.Action})"
            : $"{used}{budget.LimitMb} MB uncompressed (action above it: {budget.Action})";
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
