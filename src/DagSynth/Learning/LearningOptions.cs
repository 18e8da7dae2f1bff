namespace DagSynth.Learning;

/// <summary>How <see cref="ParameterLearner"/> estimates tables from counts.</summary>
public readonly record struct LearningOptions
{
    /// <summary>Creates the defaults: BDeu with an equivalent sample size of 1, structural zeros not kept.</summary>
    public LearningOptions()
    {
    }

    /// <summary>The prior (BDeu by default).</summary>
    public PriorKind Prior { get; init; } = PriorKind.BDeu;

    /// <summary>The equivalent sample size of the BDeu prior (positive; 1 by default). Ignored without a prior.</summary>
    public double EquivalentSampleSize { get; init; } = 1;

    /// <summary>
    /// Whether a probability that is exactly 0 in the given model stays 0 in the learned one (the
    /// remaining cells of its row renormalised). Off by default: the data decide.
    /// </summary>
    public bool KeepZeros { get; init; }
}
