using System.Collections.Immutable;
using DagSynth.Sampling;

namespace DagSynth.Designs;

/// <summary>How a design run ended, stratum by stratum.</summary>
/// <param name="Strata">The strata generated, in row order.</param>
/// <param name="RowsWritten">The rows handed to the sink.</param>
/// <param name="Failure">What stopped the run, if anything.</param>
/// <param name="Diagnostics">Problems found while the run was under way (a case-control stratum without controls).</param>
public sealed record DesignResult(ImmutableArray<StratumResult> Strata, long RowsWritten, GenerationFailure? Failure, ImmutableArray<Diagnostics.Diagnostic> Diagnostics)
{
    /// <summary>Whether every row was generated.</summary>
    public bool Succeeded => Failure is null && Diagnostics.IsEmpty;

    /// <summary>The draws made: rows plus the extra attempts of rows met by rejection.</summary>
    public long Attempts => Strata.Sum(s => s.Attempts);

    /// <summary>
    /// The share of the population (given the evidence) that the strata cover: as
    /// <see cref="StudyDesign.Coverage"/> when that is known, else (quotas met by rejection) the sum
    /// of the strata's estimated shares; NaN when unknown.
    /// </summary>
    public double Coverage { get; init; } = double.NaN;

    /// <summary>Whether <see cref="Coverage"/> is an estimate (some stratum's share is).</summary>
    public bool CoverageIsEstimated { get; init; }
}

/// <summary>One stratum of a design, as generated.</summary>
/// <param name="Label">The stratum's label (its level in the stratum column).</param>
/// <param name="FirstRow">Its first row's global index.</param>
/// <param name="Rows">Its number of rows.</param>
/// <param name="Attempts">The draws made for it (rows, plus extra attempts of rejection).</param>
/// <param name="PopulationShare">
/// P(stratum | evidence): exact when every condition is met exactly; when some is met by rejection
/// (and the evidence's own conditions are exact), estimated from the stratum's own draws as the
/// probability of what the rejection stage proposes from times the acceptance rate (rows over
/// attempts); NaN when unknown.
/// </param>
/// <param name="Weight">The sampling weight of its rows (population share over sample share), or NaN when unknown or not asked for.</param>
/// <param name="Reports">How each of its conditions was met.</param>
public sealed record StratumResult(string Label, long FirstRow, long Rows, long Attempts, double PopulationShare, double Weight, ImmutableArray<ConditionReport> Reports)
{
    /// <summary>The standard error of <see cref="PopulationShare"/>: 0 when exact, NaN when unknown.</summary>
    public double PopulationShareError { get; init; }

    /// <summary>Whether <see cref="PopulationShare"/> is a Monte-Carlo estimate (a condition met by rejection).</summary>
    public bool IsEstimated => !double.IsNaN(PopulationShare) && PopulationShareError != 0;
}
