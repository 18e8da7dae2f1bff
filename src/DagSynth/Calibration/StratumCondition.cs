using System.Collections.Immutable;

namespace DagSynth.Calibration;

/// <summary>One condition of a target's stratum (<c>given</c>): <see cref="Variable"/> takes one of <see cref="Levels"/>.</summary>
/// <param name="Variable">The variable's index in the model.</param>
/// <param name="Levels">The accepted level codes, ascending.</param>
public sealed record StratumCondition(int Variable, ImmutableArray<int> Levels);
