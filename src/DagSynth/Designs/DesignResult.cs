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
}

/// <summary>One stratum of a design, as generated.</summary>
/// <param name="Label">The stratum's label (its level in the stratum column).</param>
/// <param name="FirstRow">Its first row's global index.</param>
/// <param name="Rows">Its number of rows.</param>
/// <param name="Attempts">The draws made for it (rows, plus extra attempts of rejection).</param>
/// <param name="PopulationShare">P(stratum | evidence) when known exactly, else NaN.</param>
/// <param name="Weight">The sampling weight of its rows (population share over sample share), or NaN when unknown.</param>
/// <param name="Reports">How each of its conditions was met.</param>
public sealed record StratumResult(string Label, long FirstRow, long Rows, long Attempts, double PopulationShare, double Weight, ImmutableArray<ConditionReport> Reports);
