using System.Globalization;
using System.Text;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Reports.Graphs;

/// <summary>
/// Writes a model's DAG as SVG (laid out here), Graphviz DOT or a Mermaid flowchart (laid out by
/// the tool that reads them). Every variable is a node labelled with its name and type, coloured
/// and shaped by the kind of value it holds; every parent-child pair is an arrow.
/// </summary>
public static class DagGraph
{
    /// <summary>Writes the DAG of <paramref name="model"/> in <paramref name="format"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="format">SVG, DOT or Mermaid.</param>
    /// <param name="options">Direction, edge labels, legend.</param>
    /// <param name="inference">Inference options for edge labels (their memory budget); the defaults when omitted.</param>
    public static string Write(Model model, GraphFormat format, GraphOptions options, InferenceOptions? inference = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = options.EdgeLabels ? EdgeLabels(model, inference) : null;
        return format switch
        {
            GraphFormat.Svg => DagSvg.Write(model, options, labels, "dag", standalone: true),
            GraphFormat.Dot => Dot(model, options, labels),
            GraphFormat.Mermaid => Mermaid(model, options, labels),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown graph format"),
        };
    }

    /// <summary>
    /// The strength of every arc of the exact (discrete) part: the largest change in the child's
    /// distribution when the parent changes (total variation), to two decimals. Arcs outside the
    /// exact part, or a model whose tables do not fit the memory budget, get no label.
    /// </summary>
    public static IReadOnlyDictionary<(int Parent, int Child), string> EdgeLabels(Model model, InferenceOptions? inference = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var engine = InferenceEngine.Create(model, inference);
        var (arcs, _) = engine.ArcStrengths();
        var labels = new Dictionary<(int, int), string>();
        foreach (var arc in arcs)
        {
            if (engine.Part.IsExact(arc.Child) && engine.Part.IsExact(arc.Parent))
            {
                labels[(arc.Parent, arc.Child)] = arc.MaxChange.ToString("0.00", CultureInfo.InvariantCulture);
            }
        }

        return labels;
    }

    private static string Dot(Model model, GraphOptions options, IReadOnlyDictionary<(int Parent, int Child), string>? labels)
    {
        var sb = new StringBuilder();
        sb.Append("// ").Append(DagSvg.Title(model)).Append('\n');
        sb.Append("digraph ").Append(DotId(model.Name)).Append(" {\n");
        sb.Append("  rankdir=").Append(options.Direction == GraphDirection.LeftToRight ? "LR" : "TB").Append(";\n");
        sb.Append("  node [fontname=\"Helvetica\", fontsize=11, penwidth=1.5];\n");
        sb.Append("  edge [color=\"#4D4D4D\", fontname=\"Helvetica\", fontsize=9];\n");
        foreach (var v in model.Variables)
        {
            var category = NodeStyles.Of(v);
            var style = category switch
            {
                NodeCategory.Discrete => "rounded,filled",
                NodeCategory.Label => "filled,dashed",
                _ => "filled",
            };
            if (NodeStyles.IsDerived(v) && category != NodeCategory.Label)
            {
                style += ",dashed";
            }

            var shape = category is NodeCategory.Number or NodeCategory.Date ? "ellipse" : "box";
            sb.Append("  ").Append(DotId(v.Name)).Append(" [shape=").Append(shape).Append(", style=\"").Append(style)
                .Append("\", color=\"").Append(NodeStyles.Stroke(category)).Append("\", fillcolor=\"").Append(NodeStyles.Fill(category))
                .Append("\", label=").Append(DotId($"{v.Name}\n{NodeStyles.Subtitle(v)}")).Append("];\n");
        }

        foreach (var v in model.Variables)
        {
            foreach (var p in v.Parents)
            {
                sb.Append("  ").Append(DotId(model.Variables[p].Name)).Append(" -> ").Append(DotId(v.Name));
                if (labels is not null && labels.TryGetValue((p, v.Index), out var label))
                {
                    sb.Append(" [label=").Append(DotId(label)).Append(']');
                }

                sb.Append(";\n");
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>A DOT identifier: always quoted, with quotes and backslashes escaped and line breaks as <c>\n</c>.</summary>
    private static string DotId(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Mermaid(Model model, GraphOptions options, IReadOnlyDictionary<(int Parent, int Child), string>? labels)
    {
        var sb = new StringBuilder();
        sb.Append("%% ").Append(DagSvg.Title(model)).Append('\n');
        sb.Append("flowchart ").Append(options.Direction == GraphDirection.LeftToRight ? "LR" : "TB").Append('\n');
        foreach (var v in model.Variables)
        {
            var text = MermaidText($"{v.Name}") + "<br/><small>" + MermaidText(NodeStyles.Subtitle(v)) + "</small>";
            var (open, close) = NodeStyles.Of(v) switch
            {
                NodeCategory.Discrete => ("(\"", "\")"),
                NodeCategory.Number or NodeCategory.Date => ("([\"", "\"])"),
                _ => ("[\"", "\"]"),
            };
            sb.Append("  n").Append(v.Index.ToString(CultureInfo.InvariantCulture)).Append(open).Append(text).Append(close).Append('\n');
        }

        foreach (var v in model.Variables)
        {
            foreach (var p in v.Parents)
            {
                sb.Append("  n").Append(p.ToString(CultureInfo.InvariantCulture)).Append(" -->");
                if (labels is not null && labels.TryGetValue((p, v.Index), out var label))
                {
                    sb.Append('|').Append(MermaidText(label)).Append('|');
                }

                sb.Append(" n").Append(v.Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        foreach (var category in Enum.GetValues<NodeCategory>())
        {
            var members = model.Variables.Where(v => NodeStyles.Of(v) == category).Select(v => "n" + v.Index.ToString(CultureInfo.InvariantCulture)).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var name = category.ToString().ToLowerInvariant();
            sb.Append("  classDef ").Append(name).Append(" fill:").Append(NodeStyles.Fill(category)).Append(",stroke:").Append(NodeStyles.Stroke(category)).Append(",stroke-width:1.5px");
            if (category == NodeCategory.Label)
            {
                sb.Append(",stroke-dasharray:5 3");
            }

            sb.Append('\n');
            sb.Append("  class ").Append(string.Join(',', members)).Append(' ').Append(name).Append('\n');
        }

        var derived = model.Variables.Where(v => NodeStyles.IsDerived(v) && NodeStyles.Of(v) != NodeCategory.Label).ToList();
        foreach (var v in derived)
        {
            sb.Append("  style n").Append(v.Index.ToString(CultureInfo.InvariantCulture)).Append(" stroke-dasharray:5 3\n");
        }

        return sb.ToString();
    }

    /// <summary>Mermaid label text: characters that Mermaid would parse written as entity codes.</summary>
    private static string MermaidText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "#quot;",
                '<' => "#lt;",
                '>' => "#gt;",
                '#' => "#35;",
                '|' => "#124;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
