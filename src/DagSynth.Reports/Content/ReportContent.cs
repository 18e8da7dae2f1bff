using System.Collections.Immutable;
using DagSynth.Calibration;
using DagSynth.Models;
using DagSynth.Reports.Statistics;

namespace DagSynth.Reports.Content;

/// <summary>How a declared value was obtained.</summary>
internal enum DeclaredMethod
{
    /// <summary>Computed exactly by inference on the discrete part.</summary>
    Exact,

    /// <summary>Estimated from a large simulated sample.</summary>
    Simulated,
}

/// <summary>One level of a discrete variable: declared probability against the share in the data.</summary>
internal sealed record LevelRow(string Level, double Declared, ConfidenceInterval DeclaredInterval, long Count, ConfidenceInterval Achieved, bool Flagged);

/// <summary>A variable's section: its declared and achieved distributions.</summary>
internal abstract record VariableSection(Variable Variable, long Missing)
{
    /// <summary>The number of statistical checks this section makes.</summary>
    public abstract int Checks { get; }

    /// <summary>The number of those checks that are flagged.</summary>
    public abstract int Flags { get; }
}

/// <summary>A discrete variable.</summary>
internal sealed record DiscreteSection(Variable Variable, long Missing, DeclaredMethod Method, ImmutableArray<LevelRow> Levels, long Observed) : VariableSection(Variable, Missing)
{
    /// <inheritdoc/>
    public override int Checks => Levels.Length <= 2 ? 1 : Levels.Length;

    /// <inheritdoc/>
    public override int Flags => Levels.Length <= 2 ? (Levels.Any(l => l.Flagged) ? 1 : 0) : Levels.Count(l => l.Flagged);
}

/// <summary>A numeric variable (continuous, count or date).</summary>
internal sealed record NumericSection(Variable Variable, long Missing, NumericSummary Declared, NumericSummary Achieved, bool Flagged) : VariableSection(Variable, Missing)
{
    /// <inheritdoc/>
    public override int Checks => Achieved.Count > 1 && Declared.Count > 0 ? 1 : 0;

    /// <inheritdoc/>
    public override int Flags => Flagged ? 1 : 0;
}

/// <summary>Identifiers and fake text: nothing is declared about their distribution; a few examples and whether identifiers are unique.</summary>
internal sealed record LabelSection(Variable Variable, long Missing, long Distinct, ImmutableArray<string> Examples, long Rows) : VariableSection(Variable, Missing)
{
    /// <inheritdoc/>
    public override int Checks => 0;

    /// <inheritdoc/>
    public override int Flags => 0;
}

/// <summary>A measure (OR, RR or RD) declared against achieved.</summary>
internal sealed record Measure(double Declared, ConfidenceInterval Achieved)
{
    /// <summary>Whether the declared value lies outside the achieved interval (undefined intervals are not flagged).</summary>
    public bool Flagged => Achieved.IsDefined && !double.IsNaN(Declared) && !Achieved.Contains(Declared);
}

/// <summary>One exposure level against the reference: declared and achieved crude measures.</summary>
internal sealed record ContrastRow(
    Variable Exposure,
    int Level,
    int Reference,
    double DeclaredExposure,
    long ExposedEvents,
    long ExposedTotal,
    long ReferenceEvents,
    long ReferenceTotal,
    Measure OddsRatio,
    Measure RiskRatio,
    Measure RiskDifference,
    double? CausalOddsRatio)
{
    /// <summary>The contrast in words: <c>smoker: true vs false</c>.</summary>
    public string Label => $"{Exposure.Name}: {Exposure.Levels[Level]} vs {Exposure.Levels[Reference]}";
}

/// <summary>A declared outcome with its exposures.</summary>
internal sealed record OutcomeSection(
    Variable Outcome,
    int Level,
    bool IsDeclared,
    DeclaredMethod Method,
    double DeclaredRisk,
    ConfidenceInterval AchievedRisk,
    ImmutableArray<ContrastRow> Contrasts,
    int ExposuresLeftOut)
{
    /// <summary>The outcome event in words: <c>cvd_10y = true</c>.</summary>
    public string Event => $"{Outcome.Name} = {Outcome.Levels[Level]}";
}

/// <summary>A rule: its exact status and how many rows of the data break it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Status">"proven", "violated", "not provable exactly" or "undecided".</param>
/// <param name="Probability">The exact probability of breaking it (0 when proven; NaN when not known).</param>
/// <param name="Broken">Rows of the data that break it.</param>
/// <param name="Evaluated">Rows where it could be evaluated (none of its variables missing).</param>
internal sealed record RuleRow(Rule Rule, string Status, double Probability, long Broken, long Evaluated);

/// <summary>A variable's missing cells, with its declared mechanism.</summary>
internal sealed record MissingnessRow(Variable Variable, string? Mechanism, double DeclaredRate, long Missing, ConfidenceInterval Share)
{
    /// <summary>Whether a declared rate lies outside the achieved interval.</summary>
    public bool Flagged => !double.IsNaN(DeclaredRate) && Share.IsDefined && !Share.Contains(DeclaredRate);
}

/// <summary>A calibration target: requested, what the model gives, and what the data show.</summary>
/// <param name="Target">The target.</param>
/// <param name="Model">The model's value (<see cref="Calibrator.Evaluate"/>); null when the targets could not be evaluated.</param>
/// <param name="Data">The value in the data, with its interval.</param>
internal sealed record TargetRow(Target Target, TargetResult? Model, DataMeasure Data)
{
    /// <summary>Whether the model meets the target.</summary>
    public bool IsMet => Model?.IsMet == true;

    /// <summary>Whether the requested value lies inside the data's interval; null when the two cannot be compared.</summary>
    public bool? RequestedInside => Data.Contains(Target.Value);
}

/// <summary>The model's calibration targets, evaluated on the model and measured in the data.</summary>
/// <param name="Rows">One row per target, in the order written.</param>
/// <param name="SimulationRows">Rows simulated for the targets exact inference does not cover; 0 when all are exact.</param>
/// <param name="Seed">The seed of those rows.</param>
/// <param name="Problems">Why the targets could not be evaluated on the model, when they could not.</param>
internal sealed record TargetsSection(ImmutableArray<TargetRow> Rows, long SimulationRows, ulong Seed, ImmutableArray<string> Problems)
{
    /// <summary>Targets the model meets.</summary>
    public int Met => Rows.Count(r => r.IsMet);

    /// <summary>Targets whose requested value lies outside the data's interval.</summary>
    public int OutsideData => Rows.Count(r => r.RequestedInside == false);
}

/// <summary>Everything a report shows, computed.</summary>
internal sealed record ReportContent(
    ReportRequest Request,
    ImmutableArray<VariableSection> Variables,
    ImmutableArray<OutcomeSection> Outcomes,
    ImmutableArray<RuleRow> Rules,
    ImmutableArray<MissingnessRow> Missingness,
    TargetsSection? Targets,
    bool ExactAvailable,
    long SimulatedRows,
    ImmutableArray<string> Notes)
{
    /// <summary>
    /// Statistical checks made (declared value against an achieved 95% interval). Calibration targets are
    /// not among them: see <see cref="TargetsSection"/>.
    /// </summary>
    public int Checks => Variables.Sum(v => v.Checks)
        + Outcomes.Sum(o => o.Contrasts.Sum(c => (c.OddsRatio.Achieved.IsDefined ? 1 : 0) + (c.RiskRatio.Achieved.IsDefined ? 1 : 0) + (c.RiskDifference.Achieved.IsDefined ? 1 : 0)))
        + Missingness.Count(m => !double.IsNaN(m.DeclaredRate));

    /// <summary>Checks whose declared value lies outside the achieved interval.</summary>
    public int Flags => Variables.Sum(v => v.Flags)
        + Outcomes.Sum(o => o.Contrasts.Sum(c => (c.OddsRatio.Flagged ? 1 : 0) + (c.RiskRatio.Flagged ? 1 : 0) + (c.RiskDifference.Flagged ? 1 : 0)))
        + Missingness.Count(m => m.Flagged);

    /// <summary>Rules that the data breaks or that the model does not make impossible.</summary>
    public int RuleProblems => Rules.Count(r => r.Broken > 0 || r.Status == "violated");
}
