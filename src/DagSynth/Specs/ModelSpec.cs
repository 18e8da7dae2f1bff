using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A model as read from a file, with the source position of every part, before validation. Every
/// reader (YAML, JSON and the interchange formats) produces one; <see cref="Models.ModelBuilder"/>
/// validates it into an immutable <see cref="Models.Model"/>, so all formats share one gate.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>The source the model was read from.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>The model's name.</summary>
    public string? Name { get; init; }

    /// <summary>A description of the model.</summary>
    public string? Description { get; init; }

    /// <summary>The default seed, if the file gives one.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Whether probability rows that do not sum to 1 are rescaled instead of rejected.</summary>
    public bool Normalize { get; init; }

    /// <summary>
    /// Rows whose sum differs from 1 by at most this much are rescaled silently; larger differences
    /// are errors unless <see cref="Normalize"/> is set. Interchange readers raise it to accept
    /// tables printed with a few digits.
    /// </summary>
    public double SumTolerance { get; init; } = 1e-6;

    /// <summary>
    /// The fixed date that date variables are computed from (never the clock), written
    /// <c>yyyy-mm-dd</c>; named <c>reference_date</c> in expressions.
    /// </summary>
    public Located<string>? ReferenceDate { get; init; }

    /// <summary>The named constants.</summary>
    public ImmutableArray<ParameterSpec> Parameters { get; init; } = [];

    /// <summary>The variables, in the order written.</summary>
    public ImmutableArray<VariableSpec> Variables { get; init; } = [];

    /// <summary>The declared rules.</summary>
    public ImmutableArray<RuleSpec> Rules { get; init; } = [];

    /// <summary>The declared outcomes (<c>outcomes:</c>), whose associations a report compares.</summary>
    public ImmutableArray<OutcomeSpec> Outcomes { get; init; } = [];

    /// <summary>The calibration targets (<c>targets:</c>), in the order written.</summary>
    public ImmutableArray<TargetSpec> Targets { get; init; } = [];

    /// <summary>
    /// Whether rows rescaled because of <see cref="Normalize"/> (beyond <see cref="SumTolerance"/>)
    /// are reported, with one warning per variable. Set by readers of formats whose tables need not
    /// sum to 1 (Hugin NET), so that the rescaling is visible.
    /// </summary>
    public bool ReportRescaledRows { get; init; }

    /// <summary>
    /// The interchange format the model was read from (<c>BIF</c>, <c>Hugin NET</c>, ...), used to
    /// word messages; <see langword="null"/> for DagSynth's own format.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>The <c>dirty:</c> section as written (kinds of error and their rates), checked by the core.</summary>
    public SpecValue? Dirty { get; init; }
}
