using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A calibration target as written under <c>targets:</c>, such as
/// <c>- prevalence: {of: hypertension, value: 0.3}</c>: its kind and its settings, checked by the
/// core (<see cref="Models.ModelBuilder"/>) against the model.
/// </summary>
/// <param name="Span">Where the target is written.</param>
/// <param name="Kind">The target's kind (<c>prevalence</c>, <c>mean</c>, <c>odds_ratio</c>...).</param>
/// <param name="Settings">Its settings (<c>of</c>, <c>given</c>, <c>value</c>, <c>tolerance</c>...), as written.</param>
public sealed record TargetSpec(SourceSpan Span, Located<string> Kind, SpecValue Settings);
