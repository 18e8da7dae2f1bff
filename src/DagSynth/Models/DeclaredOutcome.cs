using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Models;

/// <summary>
/// An outcome the model declares (<c>outcomes:</c>): the event whose associations with the exposures
/// a report compares, declared against achieved.
/// </summary>
/// <param name="Outcome">The outcome variable and its event level.</param>
/// <param name="Exposures">Each exposure with its reference level; empty when the model lets the reader choose (a report takes the outcome's discrete ancestors).</param>
/// <param name="Location">Where the outcome is written.</param>
public sealed record DeclaredOutcome(LevelAssignment Outcome, ImmutableArray<LevelAssignment> Exposures, SourceSpan Location);
