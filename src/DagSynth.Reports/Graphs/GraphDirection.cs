namespace DagSynth.Reports.Graphs;

/// <summary>Which way the arrows of a drawn DAG flow.</summary>
public enum GraphDirection
{
    /// <summary>Causes on the left, effects on the right.</summary>
    LeftToRight,

    /// <summary>Causes at the top, effects below.</summary>
    TopToBottom,
}
