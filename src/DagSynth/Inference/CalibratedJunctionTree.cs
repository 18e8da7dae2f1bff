namespace DagSynth.Inference;

/// <summary>
/// A junction tree after propagation: each clique's belief is the posterior joint distribution of
/// its variables given the evidence, P(C | e), and each separator's the posterior of its variables,
/// so neighbouring beliefs agree on what they share. Conditional sampling given evidence draws each
/// clique's variables from P(C | S, e) = belief(C) / belief(S), root first (forward filtering,
/// backward sampling). Immutable once built.
/// </summary>
internal sealed class CalibratedJunctionTree
{
    private readonly Factor[] _beliefs;
    private readonly Factor?[] _separatorBeliefs;

    public CalibratedJunctionTree(JunctionTree structure, Evidence evidence, double evidenceProbability, Factor[] beliefs, Factor?[] separatorBeliefs)
    {
        Structure = structure;
        Evidence = evidence;
        EvidenceProbability = evidenceProbability;
        _beliefs = beliefs;
        _separatorBeliefs = separatorBeliefs;
    }

    /// <summary>The compiled structure.</summary>
    public JunctionTree Structure { get; }

    /// <summary>The evidence entered.</summary>
    public Evidence Evidence { get; }

    /// <summary>P(evidence); exactly 0 when the evidence is impossible, and then there are no beliefs.</summary>
    public double EvidenceProbability { get; }

    /// <summary>Whether the evidence is possible (and the beliefs exist).</summary>
    public bool IsPossible => EvidenceProbability > 0;

    /// <summary>The belief of clique <paramref name="clique"/>: P(its variables | evidence).</summary>
    public Factor Belief(int clique) => _beliefs[clique];

    /// <summary>The belief of the separator between <paramref name="clique"/> and its parent, or null for a root.</summary>
    public Factor? SeparatorBelief(int clique) => _separatorBeliefs[clique];

    /// <summary>P(<paramref name="variable"/> | evidence), by level.</summary>
    public double[] Marginal(int variable)
    {
        var values = _beliefs[Structure.HomeClique[variable]].Marginalize([variable]).Values;
        Normalize(values);
        return values;
    }

    /// <summary>
    /// P(<paramref name="variables"/> | evidence) when some clique contains all of them (a variable's
    /// family always is), else null.
    /// </summary>
    /// <param name="variables">The variables, ascending.</param>
    public Factor? Joint(int[] variables)
    {
        var best = -1;
        var bestSize = double.PositiveInfinity;
        for (var c = 0; c < _beliefs.Length; c++)
        {
            var clique = Structure.Cliques[c];
            if (variables.All(v => Array.BinarySearch(clique, v) >= 0) && _beliefs[c].Size < bestSize)
            {
                best = c;
                bestSize = _beliefs[c].Size;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var joint = _beliefs[best].Marginalize(variables);
        Normalize(joint.Values);
        return joint;
    }

    /// <summary>Rescales to sum 1, removing the rounding left by propagation.</summary>
    private static void Normalize(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        if (sum > 0 && sum != 1)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] /= sum;
            }
        }
    }
}
