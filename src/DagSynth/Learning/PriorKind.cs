namespace DagSynth.Learning;

/// <summary>The prior under which conditional probability tables are estimated from counts.</summary>
public enum PriorKind
{
    /// <summary>
    /// BDeu: a Dirichlet prior spreading an equivalent sample size evenly over every cell of every
    /// table (for a child with r levels and q parent configurations, a pseudo-count of ESS / (q r) per cell).
    /// </summary>
    BDeu,

    /// <summary>No prior: maximum likelihood (relative frequencies); an unseen parent configuration gets a uniform row.</summary>
    None,
}
