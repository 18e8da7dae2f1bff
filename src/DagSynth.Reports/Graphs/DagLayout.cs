using System.Collections.Immutable;
using DagSynth.Models;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Core.Routing;
using Microsoft.Msagl.Layout.Layered;

namespace DagSynth.Reports.Graphs;

/// <summary>A node placed by <see cref="DagLayout"/>: its centre and size, in SVG pixels (y down).</summary>
internal readonly record struct PlacedNode(int Variable, double X, double Y, double Width, double Height);

/// <summary>One drawing command of an edge's path: a line to, or a cubic Bézier to, with its control points.</summary>
internal readonly record struct PathStep(bool IsCurve, double X1, double Y1, double X2, double Y2, double X, double Y);

/// <summary>An edge routed by <see cref="DagLayout"/>: its start and the steps of its path, in SVG pixels.</summary>
internal sealed record PlacedEdge(int Parent, int Child, double StartX, double StartY, ImmutableArray<PathStep> Steps)
{
    /// <summary>The point halfway along the path's steps (for a label).</summary>
    public (double X, double Y) Middle
    {
        get
        {
            var points = new List<(double X, double Y)> { (StartX, StartY) };
            points.AddRange(Steps.Select(s => (s.X, s.Y)));
            if (points.Count % 2 == 1)
            {
                return points[points.Count / 2];
            }

            var (a, b) = (points[(points.Count / 2) - 1], points[points.Count / 2]);
            return ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        }
    }
}

/// <summary>
/// Lays out a model's DAG in layers with Microsoft's MSAGL (Sugiyama scheme: layering, crossing
/// reduction, coordinate assignment, spline routing), then maps it to SVG pixels. Left-to-right
/// layouts are computed top-to-bottom with each node's width and height swapped, then transposed,
/// so no rotation (and no trigonometry) touches the coordinates.
/// </summary>
internal sealed class DagLayout
{
    /// <summary>Name font size, in pixels.</summary>
    public const double NameFontSize = 13;

    /// <summary>Subtitle font size, in pixels.</summary>
    public const double SubtitleFontSize = 10.5;

    /// <summary>Node height, in pixels.</summary>
    public const double NodeHeight = 38;

    private DagLayout(ImmutableArray<PlacedNode> nodes, ImmutableArray<PlacedEdge> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    /// <summary>The nodes, in model order.</summary>
    public ImmutableArray<PlacedNode> Nodes { get; }

    /// <summary>The edges, children in model order, then parents in the order given.</summary>
    public ImmutableArray<PlacedEdge> Edges { get; }

    /// <summary>The drawing's width (margins included).</summary>
    public double Width { get; }

    /// <summary>The drawing's height (margins included).</summary>
    public double Height { get; }

    /// <summary>The width a node needs for its name and subtitle.</summary>
    public static double NodeWidth(Variable v) =>
        Math.Ceiling(Math.Max(TextMetrics.Width(v.Name, NameFontSize, bold: true), TextMetrics.Width(NodeStyles.Subtitle(v), SubtitleFontSize)) + 26);

    /// <summary>Lays out <paramref name="model"/>'s graph.</summary>
    public static DagLayout Compute(Model model, GraphDirection direction, double margin = 12)
    {
        ArgumentNullException.ThrowIfNull(model);
        var leftToRight = direction == GraphDirection.LeftToRight;
        var graph = new GeometryGraph();
        var nodes = new Node[model.Variables.Length];
        foreach (var v in model.Variables)
        {
            var (w, h) = (NodeWidth(v), NodeHeight);
            var (layoutWidth, layoutHeight) = leftToRight ? (h, w) : (w, h);
            nodes[v.Index] = new Node(CurveFactory.CreateRectangle(layoutWidth, layoutHeight, new Point()), v.Index);
            graph.Nodes.Add(nodes[v.Index]);
        }

        var edges = new List<(int Parent, int Child, Edge Edge)>();
        foreach (var v in model.Variables)
        {
            foreach (var p in v.Parents)
            {
                var edge = new Edge(nodes[p], nodes[v.Index]);
                graph.Edges.Add(edge);
                edges.Add((p, v.Index, edge));
            }
        }

        var settings = new SugiyamaLayoutSettings
        {
            LayerSeparation = leftToRight ? 56 : 44,
            NodeSeparation = leftToRight ? 12 : 20,
        };
        settings.EdgeRoutingSettings.EdgeRoutingMode = EdgeRoutingMode.SugiyamaSplines;
        if (graph.Nodes.Count > 0)
        {
            new LayeredLayout(graph, settings).Run();
        }

        // MSAGL's y axis points up; find which way the layers run, so causes come first.
        var sign = edges.Count > 0 && edges[0].Edge.Source.Center.Y > edges[0].Edge.Target.Center.Y ? -1.0 : 1.0;
        (double X, double Y) Map(Point p) => leftToRight ? (sign * p.Y, p.X) : (p.X, sign * p.Y);

        var mapped = model.Variables.Select(v => (v, c: Map(nodes[v.Index].Center))).ToList();
        var minX = double.PositiveInfinity;
        var minY = double.PositiveInfinity;
        var maxX = double.NegativeInfinity;
        var maxY = double.NegativeInfinity;
        foreach (var (v, c) in mapped)
        {
            var half = NodeWidth(v) / 2;
            minX = Math.Min(minX, c.X - half);
            maxX = Math.Max(maxX, c.X + half);
            minY = Math.Min(minY, c.Y - (NodeHeight / 2));
            maxY = Math.Max(maxY, c.Y + (NodeHeight / 2));
        }

        var placedEdges = new List<PlacedEdge>();
        var routed = new List<(int Parent, int Child, (double X, double Y) Start, List<(bool Curve, (double X, double Y) A, (double X, double Y) B, (double X, double Y) End)> Steps)>();
        foreach (var (parent, child, edge) in edges)
        {
            var steps = new List<(bool Curve, (double X, double Y) A, (double X, double Y) B, (double X, double Y) End)>();
            var curve = edge.Curve;
            var segments = curve is Curve c ? c.Segments.ToList() : curve is null ? [] : [curve];
            (double X, double Y) start = curve is null ? Map(edge.Source.Center) : Map(curve.Start);
            foreach (var segment in segments)
            {
                switch (segment)
                {
                    case CubicBezierSegment bezier:
                        steps.Add((true, Map(bezier.B(1)), Map(bezier.B(2)), Map(bezier.B(3))));
                        break;
                    case LineSegment line:
                        steps.Add((false, default, default, Map(line.End)));
                        break;
                    default:
                        for (var k = 1; k <= 8; k++)
                        {
                            var t = segment.ParStart + ((segment.ParEnd - segment.ParStart) * k / 8);
                            steps.Add((false, default, default, Map(segment[t])));
                        }

                        break;
                }
            }

            if (steps.Count == 0)
            {
                steps.Add((false, default, default, Map(edge.Target.Center)));
            }

            // The bounds hold the curve itself, not its control points (which may lie far outside).
            var from = start;
            foreach (var (isCurve, a, b, end) in steps)
            {
                for (var k = isCurve ? 1 : 8; k <= 8; k++)
                {
                    var t = k / 8.0;
                    var u = 1 - t;
                    var (x, y) = isCurve
                        ? ((u * u * u * from.X) + (3 * u * u * t * a.X) + (3 * u * t * t * b.X) + (t * t * t * end.X),
                           (u * u * u * from.Y) + (3 * u * u * t * a.Y) + (3 * u * t * t * b.Y) + (t * t * t * end.Y))
                        : end;
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }

                from = end;
            }

            routed.Add((parent, child, start, steps));
        }

        if (mapped.Count == 0)
        {
            (minX, minY, maxX, maxY) = (0, 0, 0, 0);
        }

        var dx = margin - minX;
        var dy = margin - minY;
        var placed = mapped.Select(m => new PlacedNode(m.v.Index, m.c.X + dx, m.c.Y + dy, NodeWidth(m.v), NodeHeight)).ToImmutableArray();
        foreach (var (parent, child, start, steps) in routed)
        {
            placedEdges.Add(new PlacedEdge(
                parent,
                child,
                start.X + dx,
                start.Y + dy,
                [.. steps.Select(s => new PathStep(s.Curve, s.A.X + dx, s.A.Y + dy, s.B.X + dx, s.B.Y + dy, s.End.X + dx, s.End.Y + dy))]));
        }

        return new DagLayout(placed, [.. placedEdges], maxX - minX + (2 * margin), maxY - minY + (2 * margin));
    }
}
