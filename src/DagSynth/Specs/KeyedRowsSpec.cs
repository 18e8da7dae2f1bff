using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A table given row by row, each row keyed by the levels of the parents (BIF's
/// <c>(a0, b1) 0.2 0.8;</c>, DSC's <c>(0, 1) : 0.2, 0.8;</c>), in any order, with an optional
/// default distribution for every parent configuration no row names.
/// </summary>
/// <param name="Span">Where the table's block starts (a missing row is reported here).</param>
/// <param name="Rows">The rows, in the order written.</param>
/// <param name="Default">The default row, if any; its <see cref="KeyedRowSpec.Keys"/> are empty.</param>
public sealed record KeyedRowsSpec(SourceSpan Span, ImmutableArray<KeyedRowSpec> Rows, KeyedRowSpec? Default = null) : FlatTableSpec(Span);
