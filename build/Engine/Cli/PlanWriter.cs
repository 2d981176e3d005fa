using System.Globalization;
using System.Net;
using System.Text;

namespace BuildEngine;

/// <summary>
/// The --plan page: one self-contained HTML file (inline SVG, no scripts, no CDN) drawing every target in
/// columns by dependency depth, the planned ones highlighted and numbered in execution order.
/// </summary>
internal static class PlanWriter
{
    private const int NodeWidth = 170;
    private const int NodeHeight = 44;
    private const int ColumnGap = 80;
    private const int RowGap = 22;
    private const int Margin = 20;

    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ExecutableTarget> plan, string title)
    {
        var depth = new Dictionary<ExecutableTarget, int>();
        foreach (var target in targets)
        {
            Depth(target, depth, []);
        }

        var columns = targets.GroupBy(target => depth[target]).OrderBy(group => group.Key).Select(group => group.ToList()).ToList();
        var position = new Dictionary<ExecutableTarget, (int X, int Y)>();
        for (var column = 0; column < columns.Count; column++)
        {
            for (var row = 0; row < columns[column].Count; row++)
            {
                position[columns[column][row]] = (Margin + column * (NodeWidth + ColumnGap), Margin + row * (NodeHeight + RowGap));
            }
        }

        var width = Margin * 2 + columns.Count * (NodeWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + columns.Max(column => column.Count) * (NodeHeight + RowGap) - RowGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Execution plan\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var target in targets)
        {
            foreach (var dependency in target.Dependencies)
            {
                svg.Append(Edge(position[dependency], position[target], dashed: false));
            }

            foreach (var triggered in target.Triggers)
            {
                svg.Append(Edge(position[target], position[triggered], dashed: true));
            }
        }

        foreach (var target in targets)
        {
            svg.Append(Node(target, position[target], plan.ToList().IndexOf(target)));
        }

        svg.Append("</svg>");
        return Page(title, svg.ToString(), plan);
    }

    private static int Depth(ExecutableTarget target, Dictionary<ExecutableTarget, int> depth, HashSet<ExecutableTarget> visiting)
    {
        if (depth.TryGetValue(target, out var known))
        {
            return known;
        }

        if (!visiting.Add(target))
        {
            return 0; // a cycle; the planner reports it
        }

        var predecessors = target.Dependencies.Concat(target.OrderAfter).ToList();
        var value = predecessors.Count == 0 ? 0 : predecessors.Max(predecessor => Depth(predecessor, depth, visiting)) + 1;
        visiting.Remove(target);
        return depth[target] = value;
    }

    private static string Edge((int X, int Y) from, (int X, int Y) to, bool dashed)
    {
        var x1 = from.X + NodeWidth;
        var y1 = from.Y + NodeHeight / 2;
        var x2 = to.X;
        var y2 = to.Y + NodeHeight / 2;
        var bend = Math.Max(30, (x2 - x1) / 2);
        return string.Create(CultureInfo.InvariantCulture,
            $"<path d=\"M {x1} {y1} C {x1 + bend} {y1}, {x2 - bend} {y2}, {x2} {y2}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")} marker-end=\"url(#arrow)\"/>");
    }

    private static string Node(ExecutableTarget target, (int X, int Y) at, int order)
    {
        var planned = order >= 0;
        var fill = planned ? (target.IsInvoked ? "#1f6feb" : "#58a6ff") : "#eaeef2";
        var textColor = planned ? "#ffffff" : "#57606a";
        var stroke = target.IsInvoked ? "#0b3d91" : planned ? "#1f6feb" : "#d0d7de";
        var label = planned ? $"{order + 1}. {target.Name}" : target.Name;
        var tooltip = WebUtility.HtmlEncode(target.Description ?? target.Name);
        return string.Create(CultureInfo.InvariantCulture,
            $"<g class=\"target{(planned ? " planned" : "")}\" data-target=\"{target.Name}\"><title>{tooltip}</title>" +
            $"<rect x=\"{at.X}\" y=\"{at.Y}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(target.IsInvoked ? 3 : 1.5)}\"/>" +
            $"<text x=\"{at.X + NodeWidth / 2}\" y=\"{at.Y + NodeHeight / 2 + 5}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\" fill=\"{textColor}\">{WebUtility.HtmlEncode(label)}</text></g>");
    }

    private static string Page(string title, string svg, IReadOnlyList<ExecutableTarget> plan)
    {
        var steps = string.Concat(plan.Select(target =>
            $"<li><strong>{WebUtility.HtmlEncode(target.Name)}</strong>{(target.Description is { } description ? " — " + WebUtility.HtmlEncode(description) : "")}</li>"));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <style>
              body {'{'} font-family: sans-serif; margin: 24px; color: #1f2328; {'}'}
              .legend span {'{'} display: inline-block; padding: 2px 8px; margin-right: 8px; border-radius: 4px; {'}'}
              .graph {'{'} overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; {'}'}
            </style>
            </head>
            <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="legend"><span style="background:#1f6feb;color:#fff">invoked</span><span style="background:#58a6ff;color:#fff">planned</span><span style="background:#eaeef2">not planned</span> solid arrow: depends on; dashed: triggers</p>
            <div class="graph">{svg}</div>
            <h2>Execution order</h2>
            <ol>{steps}</ol>
            </body>
            </html>

            """;
    }
}
