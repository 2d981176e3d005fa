using System.Globalization;
using System.Net;
using System.Text;

namespace BuildEngine;

/// <summary>
/// The --plan page: one self-contained HTML file (inline SVG, no scripts, no CDN). It opens on the planned targets
/// only, laid out in execution order (<see cref="PlanLayout"/>) and scaled to the window's width so all of them are in
/// view; the targets outside the plan follow as a compact dimmed list, and the whole build's graph is folded away
/// below.
/// </summary>
internal static class PlanWriter
{
    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> plan, string title)
    {
        var planned = plan.ToHashSet();
        var others = targets.Where(target => !planned.Contains(target)).ToList();
        var planGraph = PlanGraphSvg.Render(PlanLayout.Of(plan), plan, "plan", "target", "Execution plan");
        var wholeGraph = PlanGraphSvg.Render(PlanLayout.Of([.. plan, .. others]), plan, "all", "node", "Every target of the build");
        return Page(title, planGraph, plan, others, wholeGraph, targets.Count);
    }

    private static string Page(string title, string planGraph, IReadOnlyList<ExecutableTarget> plan, IReadOnlyList<ExecutableTarget> others,
        string wholeGraph, int targetCount)
    {
        var steps = string.Concat(plan.Select(target =>
            $"<li><strong>{WebUtility.HtmlEncode(target.Name)}</strong>{(target.Description is { } description ? " — " + WebUtility.HtmlEncode(description) : "")}</li>"));
        var otherItems = string.Concat(others.Select(target =>
            $"<li class=\"target other\" data-target=\"{WebUtility.HtmlEncode(target.Name)}\" title=\"{WebUtility.HtmlEncode(target.Description ?? target.Name)}\">{WebUtility.HtmlEncode(target.Name)}</li>"));
        var otherCount = others.Count == 1 ? "1 other target" : string.Create(CultureInfo.InvariantCulture, $"{others.Count} other targets");
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <style>
              body {'{'} font-family: sans-serif; margin: 16px 24px; color: #1f2328; {'}'}
              h1 {'{'} font-size: 1.4em; margin: 0 0 8px; {'}'}
              h2 {'{'} font-size: 1.1em; margin: 20px 0 8px; {'}'}
              .legend {'{'} margin: 0 0 8px; font-size: 0.9em; {'}'}
              .legend > span {'{'} display: inline-flex; align-items: center; gap: 4px; margin-right: 14px; {'}'}
              .legend .box {'{'} display: inline-block; width: 14px; height: 14px; border-radius: 3px; box-sizing: border-box; {'}'}
              .graph {'{'} border: 1px solid #d0d7de; border-radius: 6px; padding: 4px; {'}'}
              .graph.fit svg {'{'} display: block; max-width: 100%; height: auto; {'}'}
              .graph.scroll {'{'} overflow: auto; {'}'}
              ul.others {'{'} display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 0; {'}'}
              ul.others li {'{'} padding: 2px 8px; border: 1px solid #d0d7de; border-radius: 4px; background: #f6f8fa; color: #8c959f; font-size: 0.9em; {'}'}
            </style>
            </head>
            <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            {Legend()}
            <div class="graph fit">{planGraph}</div>
            <h2>Execution order</h2>
            <ol>{steps}</ol>
            <h2>Not in this plan: {otherCount}</h2>
            <ul class="others">{otherItems}</ul>
            <details>
            <summary>Every target of the build ({targetCount.ToString(CultureInfo.InvariantCulture)}), in the same layout</summary>
            <div class="graph scroll">{wholeGraph}</div>
            </details>
            </body>
            </html>

            """;
    }

    private static string Legend()
    {
        var legend = new StringBuilder("<p class=\"legend\">");
        legend.Append("<span><i class=\"box\" style=\"background:#1f6feb\"></i>invoked</span>");
        legend.Append("<span><i class=\"box\" style=\"background:#58a6ff\"></i>planned (numbered in execution order)</span>");
        legend.Append("<span><i class=\"box\" style=\"background:#f6f8fa;border:1px solid #d0d7de\"></i>not planned</span>");
        foreach (var (kind, text) in new[]
                 {
                     (PlanEdgeKind.DependsOn, "depends on"),
                     (PlanEdgeKind.OrderedAfter, "ordered after (After/Before)"),
                     (PlanEdgeKind.Triggers, "triggers"),
                 })
        {
            legend.Append(CultureInfo.InvariantCulture,
                $"<span class=\"{PlanGraphSvg.Css(kind)}\"><svg width=\"36\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"36\" y2=\"5\" stroke=\"{PlanGraphSvg.Colour(kind)}\" stroke-width=\"2\"{PlanGraphSvg.Dashes(kind)}/></svg>{text}</span>");
        }

        return legend.Append("</p>").ToString();
    }
}
