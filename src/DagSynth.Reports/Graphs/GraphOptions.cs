namespace DagSynth.Reports.Graphs;

/// <summary>How to draw a DAG.</summary>
public readonly record struct GraphOptions
{
    /// <summary>Creates the defaults: left to right, no edge labels, with a legend.</summary>
    public GraphOptions()
    {
    }

    /// <summary>Which way the arrows flow.</summary>
    public GraphDirection Direction { get; init; } = GraphDirection.LeftToRight;

    /// <summary>
    /// Whether to label each arc of the exact (discrete) part with its strength: the largest change
    /// in the child's distribution when the parent changes (total variation, 0 to 1).
    /// </summary>
    public bool EdgeLabels { get; init; }

    /// <summary>Whether to draw a legend of node kinds (SVG only).</summary>
    public bool Legend { get; init; } = true;
}
