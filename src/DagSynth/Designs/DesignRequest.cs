using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// What a study design asks of generation: the world (interventions, randomised variables), the
/// population sampled (evidence), how rows are selected (plain, quotas per stratum, or case-control
/// with frequency matching), and the extra columns (stratum, sampling weight, potential outcomes).
/// </summary>
public sealed record DesignRequest
{
    /// <summary>The number of rows of a plain design (no quotas, no case-control).</summary>
    public long Rows { get; init; }

    /// <summary>Interventions do(X = x), applied to the model first.</summary>
    public ImmutableArray<InterventionSetting> Interventions { get; init; } = [];

    /// <summary>Discrete variables allocated at random with equal probabilities (a randomised trial), after the interventions.</summary>
    public ImmutableArray<int> Randomized { get; init; } = [];

    /// <summary>The conditions every row meets.</summary>
    public SamplingEvidence Given { get; init; } = SamplingEvidence.None;

    /// <summary>Quotas: each a stratum and its number of rows, drawn from the model given the stratum (and <see cref="Given"/>).</summary>
    public ImmutableArray<Quota> Quotas { get; init; } = [];

    /// <summary>A case-control design, if asked for (not with quotas).</summary>
    public CaseControlDesign? CaseControl { get; init; }

    /// <summary>Whether to add a sampling-weight column (population share over sample share of the row's stratum).</summary>
    public bool Weights { get; init; }

    /// <summary>Potential-outcome columns to add, if asked for.</summary>
    public PotentialOutcomeRequest? PotentialOutcomes { get; init; }

    /// <summary>The name of the stratum column of quota and case-control designs.</summary>
    public string StratumColumn { get; init; } = "stratum";

    /// <summary>The name of the weight column.</summary>
    public string WeightColumn { get; init; } = "weight";

    /// <summary>Memory budget of exact computations and the bound on rejection.</summary>
    public ConditioningOptions Conditioning { get; init; } = new();
}

/// <summary>One stratum of a quota design: rows drawn from the model given its levels.</summary>
/// <param name="Levels">The stratum's levels (one or several variables).</param>
/// <param name="Rows">How many rows to draw from it.</param>
public sealed record Quota(ImmutableArray<LevelAssignment> Levels, long Rows)
{
    /// <summary>The stratum's label: its assignments joined by <c>;</c>, as <c>cvd=true;sex=male</c>.</summary>
    public string Label(Model model) => string.Join(";", Levels.Select(a => a.Describe(model)));
}

/// <summary>
/// A case-control design with frequency matching: <see cref="Cases"/> rows drawn given the case
/// level, then, in each stratum of the matching variables, <see cref="ControlsPerCase"/> times as many
/// controls as there are cases in it, drawn given the control level and the stratum.
/// </summary>
/// <param name="Case">The case definition (a level of a discrete variable).</param>
/// <param name="Control">The control definition (another level of the same variable).</param>
/// <param name="Cases">The number of cases.</param>
/// <param name="ControlsPerCase">Controls per case, in every matching stratum.</param>
/// <param name="Match">The matching variables (discrete; may be empty).</param>
public sealed record CaseControlDesign(LevelAssignment Case, LevelAssignment Control, long Cases, int ControlsPerCase, ImmutableArray<int> Match);

/// <summary>Potential outcomes: for each outcome and each level t of the treatment, a column with the outcome under do(treatment = t).</summary>
/// <param name="Treatment">The treatment (a discrete variable).</param>
/// <param name="Outcomes">The outcomes.</param>
public sealed record PotentialOutcomeRequest(int Treatment, ImmutableArray<int> Outcomes)
{
    /// <summary>The column name of <paramref name="outcome"/> under do(treatment = <paramref name="level"/>): <c>Y_do_T_level</c>.</summary>
    public static string ColumnName(Model model, int outcome, int treatment, int level)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = model.Variables[treatment];
        return $"{model.Variables[outcome].Name}_do_{t.Name}_{t.Levels[level]}";
    }
}
