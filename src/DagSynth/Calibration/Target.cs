using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Distributions;

namespace DagSynth.Calibration;

/// <summary>
/// What the generated population must show (<c>targets:</c>), bound to a model: a prevalence, a
/// mean or standard deviation, an association between an exposure and an outcome, a correlation or
/// an AUC, with the value requested and how close is close enough.
/// </summary>
public sealed class Target
{
    internal Target(
        TargetKind kind,
        string label,
        double value,
        double tolerance,
        SourceSpan location,
        bool isExact,
        int variable,
        int level,
        int other,
        int exposedLevel,
        int referenceLevel,
        bool causal,
        ImmutableArray<StratumCondition> given)
    {
        Kind = kind;
        Label = label;
        Value = value;
        Tolerance = tolerance;
        Location = location;
        IsExact = isExact;
        Variable = variable;
        Level = level;
        Other = other;
        ExposedLevel = exposedLevel;
        ReferenceLevel = referenceLevel;
        Causal = causal;
        Given = given;
    }

    /// <summary>The kind of target.</summary>
    public TargetKind Kind { get; }

    /// <summary>
    /// The target as reports show it: its <c>name</c> when written, else a formula such as
    /// <c>P(diabetes=true | age_group=60-69)</c> or <c>OR(cvd_10y=true; do(smoker=true) vs do(smoker=false))</c>.
    /// </summary>
    public string Label { get; }

    /// <summary>The value requested.</summary>
    public double Value { get; }

    /// <summary>
    /// How far the achieved value may be from <see cref="Value"/> and still meet the target: an absolute
    /// difference, except for odds and risk ratios, where it is relative (0.02 means within 2%).
    /// </summary>
    public double Tolerance { get; }

    /// <summary>Where the target is written.</summary>
    public SourceSpan Location { get; }

    /// <summary>
    /// Whether the target is computed exactly (it reads only the discrete part of the model that exact
    /// inference covers) rather than estimated from a fixed-seed simulation.
    /// </summary>
    public bool IsExact { get; }

    /// <summary>Whether the target is a ratio (odds or risk ratio), compared on the log scale.</summary>
    public bool IsRatio => Kind is TargetKind.OddsRatio or TargetKind.RiskRatio;

    /// <summary>The variable the target is about: <c>of</c> (the first of a correlation's two), or the outcome; an index into the model's variables.</summary>
    public int Variable { get; }

    /// <summary>The level of <see cref="Variable"/> (the event of an outcome, the level of a prevalence), or -1 for numbers.</summary>
    public int Level { get; }

    /// <summary>The exposure of an association, or the second variable of a correlation (an index into the model's variables); -1 otherwise.</summary>
    public int Other { get; }

    /// <summary>The exposed level of an association's exposure; -1 for other kinds.</summary>
    public int ExposedLevel { get; }

    /// <summary>The reference level of an association's exposure; -1 for other kinds.</summary>
    public int ReferenceLevel { get; }

    /// <summary>Whether an association compares interventions, do(exposure), rather than observed groups.</summary>
    public bool Causal { get; }

    /// <summary>The stratum (<c>given</c>): each variable with the levels it may take; empty for the whole population.</summary>
    public ImmutableArray<StratumCondition> Given { get; }

    /// <summary>Whether <paramref name="achieved"/> meets the target.</summary>
    public bool IsMet(double achieved) => double.IsFinite(achieved) && Math.Abs(Residual(achieved)) <= 1 + 1e-9;

    /// <summary>
    /// The difference between <paramref name="achieved"/> and the value, in tolerances: the quantity
    /// the solver drives to 0 (on the log scale for ratios). |residual| &lt;= 1 meets the target.
    /// </summary>
    public double Residual(double achieved) => IsRatio
        ? (PortableMath.Log(achieved) - PortableMath.Log(Value)) / PortableMath.Log1P(Tolerance)
        : (achieved - Value) / Tolerance;

    /// <inheritdoc/>
    public override string ToString() => Label;
}
