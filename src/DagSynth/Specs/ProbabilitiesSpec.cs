using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>One distribution over a variable's levels, as written: a list in level order or a map by level name.</summary>
/// <param name="Span">Where the distribution is written.</param>
public abstract record ProbabilitiesSpec(SourceSpan Span);

/// <summary>Probabilities in level order: <c>[0.87, 0.13]</c>.</summary>
/// <param name="Span">Where the list is written.</param>
/// <param name="Values">One number per level.</param>
public sealed record ProbabilityListSpec(SourceSpan Span, ImmutableArray<NumberSpec> Values) : ProbabilitiesSpec(Span);

/// <summary>Probabilities by level name: <c>{false: 0.85, true: 0.15}</c>.</summary>
/// <param name="Span">Where the map is written.</param>
/// <param name="Entries">Level name and probability pairs, in the order written.</param>
public sealed record ProbabilityMapSpec(SourceSpan Span, ImmutableArray<ProbabilityMapEntry> Entries) : ProbabilitiesSpec(Span);

/// <summary>One entry of a <see cref="ProbabilityMapSpec"/>.</summary>
/// <param name="Level">The level name.</param>
/// <param name="Value">Its probability.</param>
public readonly record struct ProbabilityMapEntry(Located<string> Level, NumberSpec Value);
