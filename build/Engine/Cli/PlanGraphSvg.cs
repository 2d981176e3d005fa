using System.Globalization;
using System.Net;
using System.Text;

namespace BuildEngine;

/// <summary>
/// Draws a <see cref="PlanLayout"/> as inline SVG (no scripts, no fonts or styles from elsewhere). Arrows between
/// neighbouring columns are S-curves; an arrow that skips columns climbs into its own lane above the boxes, runs there
/// and comes down in the gap before its target, so it never crosses a box (as RegistryLogout's trigger arrows did).
/// Line styles follow NUKE's plan: depends on solid, ordering dashed, triggers set apart (dotted and orange here).
/// </summary>
internal static class PlanGraphSvg
{
    public const int NodeWidth = 180;
    public const int NodeHeight = 44;
    private const int ColumnGap = 70;
    private const int RowGap = 22;
    private const int LaneGap = 12;
    private const int Margin = 16;

    public static string Render(PlanLayout layout, IReadOnlyList<ExecutableTarget> plan, string idPrefix, string nodeClass, string label)
    {
        var lane = AssignLanes(layout);
        var lanes = lane.Count == 0 ? 0 : lane.Values.Max() + 1;
        var top = Margin + lanes * LaneGap;
        var position = layout.Column.ToDictionary(
            pair => pair.Key,
            pair => (X: Margin + pair.Value * (NodeWidth + ColumnGap), Y: top + layout.Row[pair.Key] * (NodeHeight + RowGap)));
        var width = Margin * 2 + Math.Max(1, layout.Columns.Count) * (NodeWidth + ColumnGap) - ColumnGap;
        var height = top + Margin + Math.Max(1, layout.Columns.Select(column => column.Count).DefaultIfEmpty(1).Max()) * (NodeHeight + RowGap) - RowGap;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(label)}\">");
        svg.Append("<defs>");
        foreach (var kind in Enum.GetValues<PlanEdgeKind>())
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<marker id=\"{idPrefix}-{kind}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{Colour(kind)}\"/></marker>");
        }

        svg.Append("</defs>");
        var outPort = Ports(layout, lane, position, outgoing: true);
        var inPort = Ports(layout, lane, position, outgoing: false);
        foreach (var edge in layout.Edges)
        {
            var from = (X: position[edge.From].X + NodeWidth, Y: outPort[edge]);
            var to = (X: position[edge.To].X, Y: inPort[edge]);
            var path = lane.TryGetValue(edge, out var index) ? LanePath(from, to, top - (index + 1) * LaneGap) : CurvePath(from, to);
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"edge {Css(edge.Kind)}\" data-from=\"{edge.From.Name}\" data-to=\"{edge.To.Name}\" d=\"{path}\" fill=\"none\" stroke=\"{Colour(edge.Kind)}\" stroke-width=\"{(edge.Kind == PlanEdgeKind.Triggers ? 2 : 1.5)}\"{Dashes(edge.Kind)} marker-end=\"url(#{idPrefix}-{edge.Kind})\"/>");
        }

        var order = plan.Select((target, index) => (target, index)).ToDictionary(pair => pair.target, pair => pair.index);
        foreach (var (target, at) in position)
        {
            svg.Append(Node(target, at, order.TryGetValue(target, out var step) ? step : -1, nodeClass));
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Colour(PlanEdgeKind kind) => kind == PlanEdgeKind.Triggers ? "#bc4c00" : "#57606a";

    public static string Dashes(PlanEdgeKind kind) => kind switch
    {
        PlanEdgeKind.OrderedAfter => " stroke-dasharray=\"7 5\"",
        PlanEdgeKind.Triggers => " stroke-dasharray=\"2 4\" stroke-linecap=\"round\"",
        _ => "",
    };

    public static string Css(PlanEdgeKind kind) => kind switch
    {
        PlanEdgeKind.DependsOn => "depends-on",
        PlanEdgeKind.OrderedAfter => "ordered-after",
        _ => "triggers",
    };

    // Arrows that skip a column each get a lane; lanes are reused once an earlier arrow has come down.
    private static Dictionary<PlanEdge, int> AssignLanes(PlanLayout layout)
    {
        var laneEnds = new List<int>();
        var lane = new Dictionary<PlanEdge, int>();
        var skipping = layout.Edges
            .Where(edge => layout.Column[edge.To] - layout.Column[edge.From] > 1)
            .OrderBy(edge => layout.Column[edge.From]).ThenBy(edge => layout.Column[edge.To]);
        foreach (var edge in skipping)
        {
            var free = laneEnds.FindIndex(end => end <= layout.Column[edge.From]);
            if (free < 0)
            {
                laneEnds.Add(0);
                free = laneEnds.Count - 1;
            }

            laneEnds[free] = layout.Column[edge.To];
            lane[edge] = free;
        }

        return lane;
    }

    // Spreads the arrows leaving (or entering) one box over its side, those using a lane at the top, so they do not overlap.
    private static Dictionary<PlanEdge, double> Ports(PlanLayout layout, Dictionary<PlanEdge, int> lane,
        Dictionary<ExecutableTarget, (int X, int Y)> position, bool outgoing)
    {
        var port = new Dictionary<PlanEdge, double>();
        foreach (var group in layout.Edges.GroupBy(edge => outgoing ? edge.From : edge.To))
        {
            var edges = group
                .OrderBy(edge => lane.TryGetValue(edge, out var index) ? -1000 + index * (outgoing ? 1 : -1) : 0)
                .ThenBy(edge => position[outgoing ? edge.To : edge.From].Y)
                .ToList();
            var step = edges.Count == 1 ? 0 : Math.Min(8.0, (NodeHeight - 16.0) / (edges.Count - 1));
            for (var index = 0; index < edges.Count; index++)
            {
                port[edges[index]] = position[group.Key].Y + NodeHeight / 2.0 + (index - (edges.Count - 1) / 2.0) * step;
            }
        }

        return port;
    }

    private static string CurvePath((int X, double Y) from, (int X, double Y) to)
    {
        var bend = Math.Max(24, (to.X - from.X) / 2);
        return string.Create(CultureInfo.InvariantCulture, $"M {from.X} {from.Y:0.#} C {from.X + bend} {from.Y:0.#}, {to.X - bend} {to.Y:0.#}, {to.X} {to.Y:0.#}");
    }

    private static string LanePath((int X, double Y) from, (int X, double Y) to, int laneY)
    {
        var half = ColumnGap / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"M {from.X} {from.Y:0.#} C {from.X + half} {from.Y:0.#}, {from.X + half} {laneY}, {from.X + ColumnGap} {laneY} " +
            $"L {to.X - ColumnGap} {laneY} C {to.X - half} {laneY}, {to.X - half} {to.Y:0.#}, {to.X} {to.Y:0.#}");
    }

    private static string Node(ExecutableTarget target, (int X, int Y) at, int step, string nodeClass)
    {
        var planned = step >= 0;
        var fill = target.IsInvoked ? "#1f6feb" : planned ? "#58a6ff" : "#f6f8fa";
        var textColour = planned ? "#ffffff" : "#8c959f";
        var stroke = target.IsInvoked ? "#0b3d91" : planned ? "#1f6feb" : "#d0d7de";
        var label = planned ? $"{step + 1}. {target.Name}" : target.Name;
        var tooltip = WebUtility.HtmlEncode(target.Description ?? target.Name);
        var classes = nodeClass + (planned ? " planned" : "") + (target.IsInvoked ? " invoked" : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"<g class=\"{classes}\" data-target=\"{WebUtility.HtmlEncode(target.Name)}\"><title>{tooltip}</title>" +
            $"<rect x=\"{at.X}\" y=\"{at.Y}\" width=\"{NodeWidth}\" height=\"{NodeHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(target.IsInvoked ? 3 : 1.5)}\"/>" +
            $"<text x=\"{at.X + NodeWidth / 2}\" y=\"{at.Y + NodeHeight / 2 + 5}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\" fill=\"{textColour}\">{WebUtility.HtmlEncode(label)}</text></g>");
    }
}
