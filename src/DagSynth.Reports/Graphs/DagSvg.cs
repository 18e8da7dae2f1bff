using System.Text;
using DagSynth.Models;
using static DagSynth.Reports.Html.Markup;

namespace DagSynth.Reports.Graphs;

/// <summary>Draws a laid-out DAG as SVG: nodes shaped and coloured by kind, splined arrows, an optional legend.</summary>
internal static class DagSvg
{
    /// <summary>The font stack of every drawing (metric-compatible with <see cref="TextMetrics"/>).</summary>
    public const string FontFamily = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif";

    private const double LegendHeight = 34;

    /// <summary>Writes the SVG element of <paramref name="model"/>'s DAG.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">Direction, edge labels, legend.</param>
    /// <param name="edgeLabels">Labels by (parent, child), when <see cref="GraphOptions.EdgeLabels"/> is set.</param>
    /// <param name="id">A prefix for the element ids, unique within the page the SVG goes in.</param>
    /// <param name="standalone">Whether to write an XML declaration and fixed size (a file of its own) rather than a scalable element for a page.</param>
    public static string Write(Model model, GraphOptions options, IReadOnlyDictionary<(int Parent, int Child), string>? edgeLabels, string id, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layout = DagLayout.Compute(model, options.Direction);
        var legendItems = options.Legend ? LegendItems(model) : [];
        var legendWidth = LegendWidth(legendItems);
        var width = Math.Max(layout.Width, legendWidth + 24);
        var height = layout.Height + (legendItems.Count > 0 ? LegendHeight : 0);
        var sb = new StringBuilder(4096);
        if (standalone)
        {
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }

        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Px(width)).Append(' ').Append(Px(height)).Append('"');
        sb.Append(" width=\"").Append(Px(width)).Append("\" height=\"").Append(Px(height)).Append('"');
        sb.Append(" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\" class=\"dag\"");
        sb.Append(" font-family=\"").Append(Escape(FontFamily)).Append("\">\n");
        sb.Append("<title id=\"").Append(id).Append("-title\">").Append(Escape(Title(model))).Append("</title>\n");
        sb.Append("<desc id=\"").Append(id).Append("-desc\">").Append(Escape(Description(model))).Append("</desc>\n");
        sb.Append("<defs><marker id=\"").Append(id).Append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9.5\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#4D4D4D\"/></marker></defs>\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");

        sb.Append("<g class=\"edges\" fill=\"none\" stroke=\"#4D4D4D\" stroke-width=\"1.3\">\n");
        foreach (var edge in layout.Edges)
        {
            sb.Append("<path d=\"M").Append(Px(edge.StartX)).Append(',').Append(Px(edge.StartY));
            foreach (var step in edge.Steps)
            {
                if (step.IsCurve)
                {
                    sb.Append(" C").Append(Px(step.X1)).Append(',').Append(Px(step.Y1)).Append(' ')
                        .Append(Px(step.X2)).Append(',').Append(Px(step.Y2)).Append(' ');
                }
                else
                {
                    sb.Append(" L");
                }

                sb.Append(Px(step.X)).Append(',').Append(Px(step.Y));
            }

            sb.Append("\" marker-end=\"url(#").Append(id).Append("-arrow)\"><title>")
                .Append(Escape($"{model.Variables[edge.Parent].Name} → {model.Variables[edge.Child].Name}")).Append("</title></path>\n");
        }

        sb.Append("</g>\n");

        if (options.EdgeLabels && edgeLabels is not null)
        {
            sb.Append("<g class=\"edge-labels\" font-size=\"10\" fill=\"#333333\" text-anchor=\"middle\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\">\n");
            foreach (var edge in layout.Edges)
            {
                if (edgeLabels.TryGetValue((edge.Parent, edge.Child), out var label))
                {
                    var (x, y) = edge.Middle;
                    sb.Append("<text x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y + 3.5)).Append("\">").Append(Escape(label)).Append("</text>\n");
                }
            }

            sb.Append("</g>\n");
        }

        sb.Append("<g class=\"nodes\">\n");
        foreach (var node in layout.Nodes)
        {
            var v = model.Variables[node.Variable];
            WriteNode(sb, v, node.X, node.Y, node.Width, node.Height);
        }

        sb.Append("</g>\n");
        if (legendItems.Count > 0)
        {
            WriteLegend(sb, legendItems, 12, layout.Height + 4);
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>The SVG's title: what it shows.</summary>
    public static string Title(Model model) =>
        $"The DAG of {model.Name}: {model.Variables.Length} variable{(model.Variables.Length == 1 ? string.Empty : "s")}, {model.EdgeCount} arrow{(model.EdgeCount == 1 ? string.Empty : "s")}";

    /// <summary>The SVG's description: every variable with its parents, in words.</summary>
    public static string Description(Model model)
    {
        var roots = model.Variables.Where(v => v.Parents.IsEmpty).Select(v => v.Name).ToList();
        var parts = new List<string>();
        if (roots.Count > 0)
        {
            parts.Add($"Without parents: {string.Join(", ", roots)}.");
        }

        foreach (var index in model.TopologicalOrder)
        {
            var v = model.Variables[index];
            if (!v.Parents.IsEmpty)
            {
                parts.Add($"{v.Name} depends on {string.Join(", ", v.Parents.Select(p => model.Variables[p].Name))}.");
            }
        }

        return string.Join(' ', parts);
    }

    private static void WriteNode(StringBuilder sb, Variable v, double cx, double cy, double w, double h)
    {
        var category = NodeStyles.Of(v);
        var rx = category switch
        {
            NodeCategory.Discrete => 6.0,
            NodeCategory.Number or NodeCategory.Date => h / 2,
            _ => 0.0,
        };
        var dashed = NodeStyles.IsDerived(v) || category == NodeCategory.Label;
        sb.Append("<g class=\"node\"><title>").Append(Escape(NodeTooltip(v))).Append("</title>");
        sb.Append("<rect x=\"").Append(Px(cx - (w / 2))).Append("\" y=\"").Append(Px(cy - (h / 2)))
            .Append("\" width=\"").Append(Px(w)).Append("\" height=\"").Append(Px(h)).Append("\" rx=\"").Append(Px(rx))
            .Append("\" fill=\"").Append(NodeStyles.Fill(category)).Append("\" stroke=\"").Append(NodeStyles.Stroke(category)).Append("\" stroke-width=\"1.5\"");
        if (dashed)
        {
            sb.Append(" stroke-dasharray=\"5 3\"");
        }

        sb.Append("/>");
        sb.Append("<text x=\"").Append(Px(cx)).Append("\" y=\"").Append(Px(cy - 2)).Append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#1A1A1A\">")
            .Append(Escape(v.Name)).Append("</text>");
        sb.Append("<text x=\"").Append(Px(cx)).Append("\" y=\"").Append(Px(cy + 12)).Append("\" text-anchor=\"middle\" font-size=\"10.5\" fill=\"#4D4D4D\">")
            .Append(Escape(NodeStyles.Subtitle(v))).Append("</text></g>\n");
    }

    private static string NodeTooltip(Variable v)
    {
        var text = $"{v.Name} ({NodeStyles.Subtitle(v)})";
        if (v.Label is { } label)
        {
            text += $": {label}";
        }

        if (v.IsDiscrete)
        {
            text += $"; levels {string.Join(", ", v.Levels)}";
        }
        else if (v.Unit is { } unit)
        {
            text += $"; unit {unit}";
        }

        return text;
    }

    private static List<(string Text, NodeCategory? Category, bool Dashed)> LegendItems(Model model)
    {
        var items = new List<(string, NodeCategory?, bool)>();
        foreach (var category in Enum.GetValues<NodeCategory>())
        {
            if (model.Variables.Any(v => NodeStyles.Of(v) == category))
            {
                items.Add((NodeStyles.Caption(category), category, category == NodeCategory.Label));
            }
        }

        if (model.Variables.Any(NodeStyles.IsDerived))
        {
            items.Add(("dashed: computed by a formula", null, true));
        }

        return items;
    }

    private static double LegendWidth(List<(string Text, NodeCategory? Category, bool Dashed)> items) =>
        items.Sum(i => 28 + TextMetrics.Width(i.Text, 11) + 18);

    private static void WriteLegend(StringBuilder sb, List<(string Text, NodeCategory? Category, bool Dashed)> items, double x, double y)
    {
        sb.Append("<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n");
        foreach (var (text, category, dashed) in items)
        {
            var stroke = category is { } c ? NodeStyles.Stroke(c) : "#4D4D4D";
            var fill = category is { } f ? NodeStyles.Fill(f) : "#FFFFFF";
            var rx = category switch { NodeCategory.Discrete => 3.0, NodeCategory.Number or NodeCategory.Date => 7.0, _ => 0.0 };
            sb.Append("<rect x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y + 8)).Append("\" width=\"22\" height=\"14\" rx=\"").Append(Px(rx))
                .Append("\" fill=\"").Append(fill).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"1.5\"");
            if (dashed)
            {
                sb.Append(" stroke-dasharray=\"4 2\"");
            }

            sb.Append("/><text x=\"").Append(Px(x + 28)).Append("\" y=\"").Append(Px(y + 19)).Append("\">").Append(Escape(text)).Append("</text>\n");
            x += 28 + TextMetrics.Width(text, 11) + 18;
        }

        sb.Append("</g>\n");
    }
}
