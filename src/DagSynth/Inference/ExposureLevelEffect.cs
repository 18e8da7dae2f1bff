namespace DagSynth.Inference;

/// <summary>One level of an exposure against its reference level: the crude (observational) and the causal (interventional) measures.</summary>
/// <param name="Level">The exposure level's code.</param>
/// <param name="Probability">P(exposure = this level): how common the exposure is.</param>
/// <param name="Crude">From P(outcome | exposure = level) versus P(outcome | exposure = reference); null when either level has probability 0.</param>
/// <param name="Causal">From P(outcome | do(exposure = level)) versus P(outcome | do(exposure = reference)).</param>
public sealed record ExposureLevelEffect(int Level, double Probability, EffectMeasures? Crude, EffectMeasures Causal);
