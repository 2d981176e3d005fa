using System.Globalization;
using System.Text;

namespace Delivery.CiReports;

/// <summary>
/// Inline SVG: one bar per run, oldest on the left, its height the run's duration and its colour the conclusion;
/// a dashed line at the median. Each bar links to the run and names it in a tooltip.
/// </summary>
public static class RunDurationChart
{
    private const double Width = 960;
    private const double Height = 300;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 44;

    /// <summary>At most this many run labels under the bars; the others are in the tooltips.</summary>
    private const int MaximumLabels = 12;

    public static string Render(IReadOnlyList<RunPoint> runs, double? medianSeconds)
    {
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"""<svg class="chart" viewBox="0 0 {Width} {Height}" role="img" aria-label="Duration of each run, oldest on the left">""").AppendLine();
        var axis = new DurationAxis(runs.Count == 0 ? 0 : runs.Max(run => run.DurationSeconds));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double seconds) => Top + plotHeight - (seconds / axis.MaximumSeconds * plotHeight);

        foreach (var tick in axis.Ticks())
        {
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"""<line class="grid" x1="{Left}" x2="{Width - Right}" y1="{SvgNumber.Of(Y(tick))}" y2="{SvgNumber.Of(Y(tick))}"/><text class="axis" x="{Left - 6}" y="{SvgNumber.Of(Y(tick) + 4)}" text-anchor="end">{DurationAxis.Label(tick)}</text>""");
        }

        var slot = runs.Count == 0 ? plotWidth : plotWidth / runs.Count;
        var barWidth = Math.Max(1, slot * 0.72);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(runs.Count / (double)MaximumLabels));
        for (var index = 0; index < runs.Count; index++)
        {
            var run = runs[index];
            var x = Left + (index * slot) + ((slot - barWidth) / 2);
            var top = Y(run.DurationSeconds);
            var tooltip = string.Create(CultureInfo.InvariantCulture,
                $"#{run.Number} · {run.Conclusion} · {DurationText.Format(run.DurationSeconds)} · {run.Branch} · {run.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"""<a href="{HtmlText.Url(run.Url)}"><rect class="run-bar {ConclusionStyle.ClassOf(run.Conclusion)}" x="{SvgNumber.Of(x)}" y="{SvgNumber.Of(top)}" width="{SvgNumber.Of(barWidth)}" height="{SvgNumber.Of(Top + plotHeight - top)}" rx="1.5"><title>{HtmlText.Encode(tooltip)}</title></rect></a>""");

            // The newest run is always labelled; the others every few bars, counted back from it.
            if ((runs.Count - 1 - index) % labelEvery == 0)
            {
                var center = SvgNumber.Of(x + (barWidth / 2));
                svg.AppendLine(CultureInfo.InvariantCulture,
                    $"""<text class="axis" x="{center}" y="{SvgNumber.Of(Height - Bottom + 16)}" text-anchor="middle">#{run.Number}</text><text class="axis muted" x="{center}" y="{SvgNumber.Of(Height - Bottom + 30)}" text-anchor="middle">{run.Started.UtcDateTime:MMM d}</text>""");
            }
        }

        if (medianSeconds is { } median)
        {
            var y = SvgNumber.Of(Y(median));
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"""<line class="median" x1="{Left}" x2="{Width - Right}" y1="{y}" y2="{y}"/><text class="axis median-label" x="{Width - Right}" y="{SvgNumber.Of(Y(median) - 5)}" text-anchor="end">median {DurationText.Format(median)}</text>""");
        }

        svg.AppendLine($"""<line class="baseline" x1="{Left}" x2="{Width - Right}" y1="{SvgNumber.Of(Top + plotHeight)}" y2="{SvgNumber.Of(Top + plotHeight)}"/>""");
        return svg.AppendLine("</svg>").ToString();
    }
}
