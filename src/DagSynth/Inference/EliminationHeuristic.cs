namespace DagSynth.Inference;

/// <summary>
/// How the next variable to eliminate is chosen. Every heuristic is greedy and deterministic: ties
/// are broken by the size of the table the elimination creates, then by the variable's index.
/// </summary>
public enum EliminationHeuristic
{
    /// <summary>
    /// The variable whose elimination adds the least total weight of new edges, an edge weighing the
    /// product of its two endpoints' level counts (Kjaerulff). The default: it accounts for variables
    /// with many levels, where plain min-fill does not.
    /// </summary>
    WeightedMinFill,

    /// <summary>The variable whose elimination adds the fewest new edges.</summary>
    MinFill,

    /// <summary>The variable whose elimination creates the smallest table (product of the level counts).</summary>
    MinWeight,

    /// <summary>The variable with the fewest neighbours.</summary>
    MinDegree,
}
