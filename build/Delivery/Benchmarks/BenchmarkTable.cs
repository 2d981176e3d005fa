using System.Globalization;
using System.Text;

namespace Delivery.Benchmarks;

/// <summary>The Markdown form of a report (artifacts/benchmarks.md), optionally against a previous report of the same machine.</summary>
public static class BenchmarkTable
{
    /// <summary>The unit of a figure that is the ratio of two others.</summary>
    public const string RatioUnit = "x";

    public static string Render(BenchmarkReport report, BenchmarkReport? previous = null)
    {
        var machine = report.Machine;
        var text = new StringBuilder()
            .AppendLine("# Benchmarks")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {report.Measured.UtcDateTime:yyyy-MM-dd HH:mm} UTC at commit {report.Commit}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.CpuModel} ({machine.CpuCount} CPUs), {machine.MemoryBytes / 1048576.0 / 1024:0.0} GiB memory, kernel {machine.Kernel}, Docker engine {machine.DockerVersion}.")
            .AppendLine();

        if (previous is null)
        {
            text.AppendLine("| Figure | Value | Method |").AppendLine("|---|---:|---|");
            foreach (var figure in report.Figures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(figure.Name)} | {Format(figure)} | {Escape(figure.Method)} |");
            }

            return text.ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Compared with the run of {previous.Measured.UtcDateTime:yyyy-MM-dd HH:mm} UTC at commit {previous.Commit}.")
            .AppendLine()
            .AppendLine("| Figure | Value | Previous | Change | Method |").AppendLine("|---|---:|---:|---:|---|");
        foreach (var figure in report.Figures)
        {
            var before = previous.Figures.FirstOrDefault(old => old.Name == figure.Name && old.Unit == figure.Unit);
            var change = before is null || before.Value == 0
                ? "–"
                : ((figure.Value - before.Value) / before.Value).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Escape(figure.Name)} | {Format(figure)} | {(before is null ? "–" : Format(before))} | {change} | {Escape(figure.Method)} |");
        }

        return text.ToString();
    }

    /// <summary>Ratios (unit "x") read as 0.62x; other figures keep two decimals below 100.</summary>
    private static string Format(BenchmarkFigure figure) => figure.Unit == RatioUnit
        ? figure.Value.ToString("0.00", CultureInfo.InvariantCulture) + RatioUnit
        : figure.Value.ToString(figure.Value >= 100 ? "0" : "0.00", CultureInfo.InvariantCulture) + " " + figure.Unit;

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
