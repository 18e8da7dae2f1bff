namespace DagSynth.Sampling;

/// <summary>One discrete variable compiled for the sampler: where its parents' codes are and its table rows.</summary>
internal sealed class DiscreteNode(int variable, string name, int[] parents, int[] strides, DiscreteRows rows)
{
    /// <summary>The variable's index (also its column in a batch).</summary>
    public int Variable { get; } = variable;

    /// <summary>The variable's name, which keys its random stream.</summary>
    public string Name { get; } = name;

    /// <summary>The parents' variable indices.</summary>
    public int[] Parents { get; } = parents;

    /// <summary>The configuration stride of each parent (last parent 1).</summary>
    public int[] Strides { get; } = strides;

    /// <summary>The compiled table.</summary>
    public DiscreteRows Rows { get; } = rows;
}
