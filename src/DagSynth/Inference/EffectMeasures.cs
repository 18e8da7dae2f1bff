namespace DagSynth.Inference;

/// <summary>
/// The risk of an outcome among the exposed (p1) and in the reference group (p0), and the usual
/// measures comparing them: risk difference p1 - p0, risk ratio p1 / p0 and odds ratio
/// [p1 / (1 - p1)] / [p0 / (1 - p0)]. A ratio with a zero denominator is infinite or NaN, as IEEE
/// arithmetic gives it; writers print those as "n/a" or JSON null.
/// </summary>
/// <param name="ExposedRisk">p1: P(outcome | exposed), or P(outcome | do(exposed)) for causal measures.</param>
/// <param name="ReferenceRisk">p0: P(outcome | reference), or P(outcome | do(reference)).</param>
public sealed record EffectMeasures(double ExposedRisk, double ReferenceRisk)
{
    /// <summary>p1 - p0.</summary>
    public double RiskDifference => ExposedRisk - ReferenceRisk;

    /// <summary>p1 / p0.</summary>
    public double RiskRatio => ExposedRisk / ReferenceRisk;

    /// <summary>[p1 / (1 - p1)] / [p0 / (1 - p0)].</summary>
    public double OddsRatio => ExposedRisk / (1 - ExposedRisk) / (ReferenceRisk / (1 - ReferenceRisk));
}
