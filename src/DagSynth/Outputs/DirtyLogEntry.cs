using DagSynth.Models;

namespace DagSynth.Outputs;

/// <summary>A cell's value in a dirty-data log: a number (or level code) and, for text, the text.</summary>
/// <param name="Value">The number, day number or level code.</param>
/// <param name="Text">The text, for cells written as text (levels with typos, fake text); else null.</param>
public readonly record struct DirtyCellValue(double Value, string? Text);

/// <summary>
/// One planted error: the answer key of the cleaning exercise. Row-level entries (duplicates) have
/// no column (<see cref="Column"/> is -1); every cell of a copy that differs from its clean row has
/// its own entry too, so the log lists exactly the differences between the clean and dirty files.
/// </summary>
/// <param name="Row">The 1-based data row of the dirty file.</param>
/// <param name="CleanRow">The 1-based data row of the clean file it comes from.</param>
/// <param name="Column">The column's index in the schema, or -1 for a row-level entry.</param>
/// <param name="Kind">The kind of error.</param>
/// <param name="Original">The clean value.</param>
/// <param name="Dirty">The dirty value.</param>
public sealed record DirtyLogEntry(long Row, long CleanRow, int Column, DirtyKind Kind, DirtyCellValue Original, DirtyCellValue Dirty);
