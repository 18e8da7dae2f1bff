using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A declared outcome as written under <c>outcomes:</c>: <c>cvd_10y: [smoker, sex=female]</c>. The
/// outcome is <c>VARIABLE</c> or <c>VARIABLE=LEVEL</c> (the event level); each exposure is
/// <c>VARIABLE</c> or <c>VARIABLE=REFERENCE</c>. No exposures means "the default ones".
/// </summary>
/// <param name="Outcome">The outcome, with where it is written.</param>
/// <param name="Exposures">The exposures, with where each is written; empty for the default.</param>
public sealed record OutcomeSpec(Located<string> Outcome, ImmutableArray<Located<string>> Exposures);
