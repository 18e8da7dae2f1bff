using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A table as the interchange formats carry it: plain numbers, either the whole table in a stated
/// order (<see cref="FullTableSpec"/>) or row by row, each row keyed by its parent levels
/// (<see cref="KeyedRowsSpec"/>). Readers fill it without checking it; the
/// <see cref="Models.ModelBuilder"/> checks counts, levels, coverage, signs and sums, so that
/// every format gets the same messages. Kept flat, without an object per number, so that tables of
/// hundreds of thousands of entries load in linear time.
/// </summary>
/// <param name="Span">Where the table's block starts (for whole-table messages such as a missing row).</param>
public abstract record FlatTableSpec(SourceSpan Span);
