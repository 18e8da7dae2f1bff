using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>One row of a <see cref="KeyedRowsSpec"/>: a parent configuration and the child's distribution there.</summary>
/// <param name="Span">Where the row is written.</param>
/// <param name="Keys">One key per parent, in the order of the parents.</param>
/// <param name="Values">The child's probabilities, in level order.</param>
public sealed record KeyedRowSpec(SourceSpan Span, ImmutableArray<RowKey> Keys, ImmutableArray<double> Values);
