using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// One entry of a conditional probability table: the distribution of the child for the parent
/// configurations that <see cref="When"/> matches, or for every configuration not otherwise listed
/// when <see cref="IsDefault"/> is set.
/// </summary>
/// <param name="Span">Where the entry is written.</param>
/// <param name="When">The conditions; a parent left out matches all its levels.</param>
/// <param name="IsDefault">Whether this is the <c>default</c> entry.</param>
/// <param name="Probabilities">The child's distribution.</param>
public sealed record TableEntrySpec(
    SourceSpan Span,
    ImmutableArray<ConditionSpec> When,
    bool IsDefault,
    ProbabilitiesSpec Probabilities);

/// <summary>A condition on one parent in a <c>when</c>: the parent takes one of <see cref="Levels"/>.</summary>
/// <param name="Parent">The parent's name.</param>
/// <param name="Levels">The accepted levels (usually one).</param>
public sealed record ConditionSpec(Located<string> Parent, ImmutableArray<Located<string>> Levels);
