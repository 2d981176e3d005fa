using System.Globalization;
using System.Text;

namespace Delivery.CiReports;

/// <summary>Inline SVG: per job, its median duration (dark bar) over its p90 (light bar), on one shared axis.</summary>
public static class JobDurationChart
{
    private const double Width = 960;
    private const double LabelWidth = 250;
    private const double ValueWidth = 130;
    private const double Row = 40;
    private const double Top = 8;
    private const double AxisHeight = 24;

    /// <summary>Longer names are cut with an ellipsis; the whole name is in the tooltip.</summary>
    private const int MaximumNameLength = 36;

    public static string Render(IReadOnlyList<JobFigures> jobs)
    {
        var measured = jobs.Where(job => job.Duration.MedianSeconds is not null).ToList();
        var height = Top + (measured.Count * Row) + AxisHeight;
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" viewBox="0 0 {Width} {SvgNumber.Of(height)}" role="img" aria-label="Median and p90 duration per job">""").AppendLine();
        var axis = new DurationAxis(measured.Count == 0 ? 0 : measured.Max(job => job.Duration.P90Seconds ?? 0));
        var plotWidth = Width - LabelWidth - ValueWidth;
        double X(double seconds) => LabelWidth + (seconds / axis.MaximumSeconds * plotWidth);

        var bottom = Top + (measured.Count * Row);
        foreach (var tick in axis.Ticks())
        {
            var x = SvgNumber.Of(X(tick));
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"""<line class="grid" x1="{x}" x2="{x}" y1="{Top}" y2="{SvgNumber.Of(bottom)}"/><text class="axis" x="{x}" y="{SvgNumber.Of(bottom + 16)}" text-anchor="middle">{DurationAxis.Label(tick)}</text>""");
        }

        for (var index = 0; index < measured.Count; index++)
        {
            var job = measured[index];
            var median = job.Duration.MedianSeconds!.Value;
            var p90 = job.Duration.P90Seconds!.Value;
            var y = Top + (index * Row);
            var name = job.Name.Length > MaximumNameLength ? job.Name[..(MaximumNameLength - 1)] + "…" : job.Name;
            svg.AppendLine(CultureInfo.InvariantCulture,
                    $"""<g class="job-row"><title>{HtmlText.Encode($"{job.Name}: median {DurationText.Format(median)}, p90 {DurationText.Format(p90)}")}</title>""")
                .AppendLine(CultureInfo.InvariantCulture,
                    $"""<text class="label" x="{LabelWidth - 10}" y="{SvgNumber.Of(y + 24)}" text-anchor="end">{HtmlText.Encode(name)}</text>""")
                .AppendLine(CultureInfo.InvariantCulture,
                    $"""<rect class="p90-bar" x="{LabelWidth}" y="{SvgNumber.Of(y + 7)}" width="{SvgNumber.Of(X(p90) - LabelWidth)}" height="26" rx="2"/>""")
                .AppendLine(CultureInfo.InvariantCulture,
                    $"""<rect class="median-bar" x="{LabelWidth}" y="{SvgNumber.Of(y + 13)}" width="{SvgNumber.Of(X(median) - LabelWidth)}" height="14" rx="2"/>""")
                .AppendLine(CultureInfo.InvariantCulture,
                    $"""<text class="value" x="{SvgNumber.Of(X(p90) + 8)}" y="{SvgNumber.Of(y + 24)}">{DurationText.Format(median)} / {DurationText.Format(p90)}</text></g>""");
        }

        return svg.AppendLine("</svg>").ToString();
    }
}
