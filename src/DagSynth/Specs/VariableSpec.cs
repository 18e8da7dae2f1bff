using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>A variable as written in a model file, before validation.</summary>
public sealed record VariableSpec
{
    /// <summary>The variable's name.</summary>
    public required Located<string> Name { get; init; }

    /// <summary>Where the variable's definition starts.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>The <c>type:</c> as written (<c>boolean</c>, <c>categorical</c>, <c>ordinal</c>), if any.</summary>
    public Located<string>? Type { get; init; }

    /// <summary>The levels in order, if listed.</summary>
    public ImmutableArray<Located<string>>? Levels { get; init; }

    /// <summary>Whether the levels are ordered (<c>ordered: true</c>).</summary>
    public bool Ordered { get; init; }

    /// <summary>The parents (<c>given:</c>), in order.</summary>
    public ImmutableArray<Located<string>> Given { get; init; } = [];

    /// <summary>The distribution of a root variable (<c>probs:</c>).</summary>
    public ProbabilitiesSpec? Probabilities { get; init; }

    /// <summary>The table of a variable with parents (<c>table:</c>).</summary>
    public ImmutableArray<TableEntrySpec>? Table { get; init; }

    /// <summary>
    /// The table as an interchange format carries it (plain numbers, whole or keyed by row), for a
    /// root or a child; used instead of <see cref="Probabilities"/> and <see cref="Table"/>.
    /// </summary>
    public FlatTableSpec? FlatTable { get; init; }

    /// <summary>Whether rows that do not sum to 1 are rescaled; <see langword="null"/> follows the model's setting.</summary>
    public bool? Normalize { get; init; }

    /// <summary>A human-readable label for codebooks and reports.</summary>
    public string? Label { get; init; }

    /// <summary>A longer description.</summary>
    public string? Description { get; init; }

    /// <summary>The unit of a numeric variable, for codebooks (<c>unit: mmHg</c>).</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// The settings specific to the variable's type (distribution parameters, <c>odds_ratios</c>,
    /// <c>formula</c>, <c>clip</c>...), as written; <see cref="Models.NodeVocabulary"/> says which
    /// keys each type takes.
    /// </summary>
    public ImmutableArray<SpecEntry> Settings { get; init; } = [];
}
