using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>Every number of a table, in one list, in the order <see cref="Order"/> says.</summary>
/// <param name="Span">Where the list starts (for a wrong count).</param>
/// <param name="Values">The numbers as read.</param>
/// <param name="Order">How the numbers are laid out.</param>
/// <param name="ValueSpan">Where the number at an index of <see cref="Values"/> is written; the list's span when null.</param>
public sealed record FullTableSpec(
    SourceSpan Span,
    ImmutableArray<double> Values,
    TableOrder Order,
    Func<int, SourceSpan>? ValueSpan = null) : FlatTableSpec(Span)
{
    /// <summary>Where the number at <paramref name="index"/> is written.</summary>
    public SourceSpan SpanOf(int index) => ValueSpan?.Invoke(index) ?? Span;
}
