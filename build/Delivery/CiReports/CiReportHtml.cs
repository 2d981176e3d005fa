using System.Globalization;
using System.Text;

namespace Delivery.CiReports;

/// <summary>
/// artifacts/ci-report.html: one self-contained page (inline CSS and SVG; no script, font or CDN, so it opens from an
/// artifact download and cannot leak a visit) with the headline figures, the two charts and the tables.
/// </summary>
public static class CiReportHtml
{
    private const string Style = """
        :root { color-scheme: light; }
        body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 32px 0 8px; }
        .scope { color: #57606a; margin: 0 0 20px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
        .card { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }
        .card .figure { font-size: 26px; font-weight: 600; }
        .card .caption { color: #57606a; font-size: 12px; }
        .panel { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; }
        .chart { width: 100%; height: auto; display: block; }
        .chart .grid { stroke: #eaeef2; }
        .chart .baseline { stroke: #8c959f; }
        .chart .axis { font-size: 11px; fill: #57606a; }
        .chart .muted { fill: #8c959f; }
        .chart .median { stroke: #0969da; stroke-dasharray: 5 4; stroke-width: 1.5; }
        .chart .median-label { fill: #0969da; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .chart .run-bar:hover { opacity: 0.75; }
        .chart .label { font-size: 12px; fill: #1f2328; }
        .chart .value { font-size: 12px; fill: #57606a; }
        .chart .median-bar { fill: #0969da; }
        .chart .p90-bar { fill: #b6d7ff; }
        .legend { display: flex; gap: 16px; flex-wrap: wrap; font-size: 12px; color: #57606a; margin: 4px 0 0; padding: 0; list-style: none; }
        .legend span.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; background: currentColor; vertical-align: -1px; }
        .legend .swatch.p90 { color: #b6d7ff; } .legend .swatch.median { color: #0969da; }
        table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; overflow: hidden; }
        th, td { padding: 6px 10px; border-bottom: 1px solid #eaeef2; text-align: left; }
        th { background: #f6f8fa; font-weight: 600; font-size: 12px; color: #57606a; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        tr:last-child td { border-bottom: none; }
        .up { color: #cf222e; } .down { color: #1a7f37; }
        .badge { font-weight: 600; }
        a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
        footer { color: #57606a; font-size: 12px; margin-top: 32px; }
        """;

    public static string Render(CiReport report)
    {
        var title = $"CI report: {report.Workflow} ({report.Repository})";
        var html = new StringBuilder()
            .AppendLine("<!DOCTYPE html>")
            .AppendLine("""<html lang="en">""")
            .AppendLine("<head>")
            .AppendLine("""<meta charset="utf-8">""")
            .AppendLine("""<meta name="viewport" content="width=device-width, initial-scale=1">""")
            // Nothing on the page may load or run anything, whatever got past the escaping.
            .AppendLine("""<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">""")
            .AppendLine(CultureInfo.InvariantCulture, $"<title>{HtmlText.Encode(title)}</title>")
            .AppendLine("<style>").AppendLine(Style).AppendLine(ConclusionStyle.Css).AppendLine("</style>")
            .AppendLine("</head>")
            .AppendLine("<body><main>")
            .AppendLine(CultureInfo.InvariantCulture, $"<h1>CI report: {HtmlText.Encode(report.Workflow)}</h1>")
            .AppendLine(CultureInfo.InvariantCulture, $"""<p class="scope">{Scope(report)}</p>""");

        if (report.Runs.Count == 0)
        {
            return html.AppendLine("<p>No completed runs yet.</p>").AppendLine("</main></body></html>").ToString();
        }

        AppendCards(html, report);
        html.AppendLine("<h2>Run duration</h2>")
            .AppendLine("""<div class="panel">""")
            .Append(RunDurationChart.Render(report.Runs, report.RunDuration.MedianSeconds))
            .AppendLine("""<ul class="legend"><li><span class="swatch success"></span>success</li><li><span class="swatch failure"></span>failure / timed out</li><li><span class="swatch cancelled"></span>cancelled</li><li><span class="swatch other"></span>other</li></ul>""")
            .AppendLine("</div>")
            .AppendLine("<h2>Jobs: median and p90 duration</h2>")
            .AppendLine("""<div class="panel">""")
            .Append(JobDurationChart.Render(report.Jobs))
            .AppendLine("""<ul class="legend"><li><span class="swatch median"></span>median</li><li><span class="swatch p90"></span>p90</li></ul>""")
            .AppendLine("</div>");
        AppendJobs(html, report);
        AppendFailingTargets(html, report);
        AppendRuns(html, report);
        return html
            .AppendLine("<footer>Success rate: succeeded ÷ (succeeded + failed, timed out); cancelled and other runs are not counted. " +
                        "Run duration: from the run's start to its last update. Job duration: completed − started, for jobs that succeeded or failed. " +
                        "p90: nearest rank. Trend: median of the newer half of the window against the older half.</footer>")
            .AppendLine("</main></body></html>")
            .ToString();
    }

    private static string Scope(CiReport report) =>
        HtmlText.Encode(string.Create(CultureInfo.InvariantCulture,
            $"{report.Repository} · the last {report.Runs.Count} completed runs (of {report.RunsRequested} asked for) · generated {report.Generated.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));

    private static void AppendCards(StringBuilder html, CiReport report)
    {
        var tally = report.Tally;
        var rate = tally.SuccessRate is { } value ? value.ToString("0.0 %", CultureInfo.InvariantCulture) : "–";
        html.AppendLine("""<div class="cards">""")
            .AppendLine(Card(rate, $"success rate: {tally.Succeeded} of {tally.Succeeded + tally.Failed} runs with a verdict"))
            .AppendLine(Card(tally.Total.ToString(CultureInfo.InvariantCulture), $"runs: {tally.Failed} failed, {tally.Cancelled} cancelled (not counted), {tally.Other} other"))
            .AppendLine(Card(DurationText.Format(report.RunDuration.MedianSeconds), "median run duration"))
            .AppendLine(Card(DurationText.Format(report.RunDuration.P90Seconds), "p90 run duration"))
            .AppendLine(report.SlowestTrend is { } slowest
                ? Card(DurationText.Change(slowest.ChangePercent), $"slowest trend: {slowest.Job}, {DurationText.Format(slowest.OlderMedianSeconds)} → {DurationText.Format(slowest.NewerMedianSeconds)}")
                : Card("–", "no job got slower"))
            .AppendLine("</div>");
    }

    private static string Card(string figure, string caption) =>
        $"""<div class="card"><div class="figure">{HtmlText.Encode(figure)}</div><div class="caption">{HtmlText.Encode(caption)}</div></div>""";

    private static void AppendJobs(StringBuilder html, CiReport report)
    {
        html.AppendLine("<h2>Jobs</h2>")
            .AppendLine("""<table><thead><tr><th>Job</th><th class="number">Ran</th><th class="number">Failed</th><th class="number">Median</th><th class="number">p90</th><th class="number">Older half</th><th class="number">Newer half</th><th class="number">Change</th></tr></thead><tbody>""");
        foreach (var job in report.Jobs)
        {
            var change = job.Trend is { } trend
                ? $"""<span class="{(trend.ChangePercent > 0 ? "up" : "down")}">{DurationText.Change(trend.ChangePercent)}</span>"""
                : "–";
            html.AppendLine(CultureInfo.InvariantCulture,
                $"""<tr><td>{HtmlText.Encode(job.Name)}</td><td class="number">{job.Ran}</td><td class="number">{job.Failed}</td><td class="number">{DurationText.Format(job.Duration.MedianSeconds)}</td><td class="number">{DurationText.Format(job.Duration.P90Seconds)}</td><td class="number">{DurationText.Format(job.Trend?.OlderMedianSeconds)}</td><td class="number">{DurationText.Format(job.Trend?.NewerMedianSeconds)}</td><td class="number">{change}</td></tr>""");
        }

        html.AppendLine("</tbody></table>");
    }

    private static void AppendFailingTargets(StringBuilder html, CiReport report)
    {
        html.AppendLine("<h2>Targets that fail most</h2>");
        if (report.FailingTargets.Count == 0)
        {
            html.AppendLine("<p>No failed job named a failed target.</p>");
        }
        else
        {
            html.AppendLine("""<table><thead><tr><th>Target</th><th class="number">Failures</th><th>Jobs</th><th>Last seen</th></tr></thead><tbody>""");
            foreach (var target in report.FailingTargets)
            {
                html.AppendLine(CultureInfo.InvariantCulture,
                    $"""<tr><td>{HtmlText.Encode(target.Target)}</td><td class="number">{target.Failures}</td><td>{HtmlText.Encode(string.Join(", ", target.Jobs))}</td><td><a href="{HtmlText.Url(target.LastSeenUrl)}">#{target.LastSeenRun}</a>, {target.LastSeen.UtcDateTime:yyyy-MM-dd}</td></tr>""");
            }

            html.AppendLine("</tbody></table>");
        }

        if (report.FailedJobsWithoutTarget > 0)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<p>{report.FailedJobsWithoutTarget} failed jobs named no target: they failed outside the build's targets (checkout, set-up, a runner lost).</p>");
        }
    }

    /// <summary>Newest first, as on GitHub's Actions tab.</summary>
    private static void AppendRuns(StringBuilder html, CiReport report)
    {
        html.AppendLine("<h2>Runs</h2>")
            .AppendLine("""<table><thead><tr><th>Run</th><th>Started (UTC)</th><th>Branch</th><th>Event</th><th>Conclusion</th><th class="number">Duration</th></tr></thead><tbody>""");
        foreach (var run in report.Runs.Reverse())
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"""<tr><td><a href="{HtmlText.Url(run.Url)}">#{run.Number}</a></td><td>{run.Started.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>{HtmlText.Encode(run.Branch)}</td><td>{HtmlText.Encode(run.Event)}</td><td class="badge {ConclusionStyle.ClassOf(run.Conclusion)}">{HtmlText.Encode(run.Conclusion)}</td><td class="number">{DurationText.Format(run.DurationSeconds)}</td></tr>""");
        }

        html.AppendLine("</tbody></table>");
    }
}
