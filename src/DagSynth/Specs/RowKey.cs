using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>A parent's level in the key of a <see cref="KeyedRowSpec"/>: by name, or by 0-based index.</summary>
/// <param name="Level">The level's name, or <see langword="null"/> when the key is an index.</param>
/// <param name="Index">The level's 0-based index (used when <see cref="Level"/> is null).</param>
/// <param name="Span">Where the key is written.</param>
public readonly record struct RowKey(string? Level, int Index, SourceSpan Span)
{
    /// <summary>A key naming a level.</summary>
    public static RowKey ByName(string level, SourceSpan span) => new(level, -1, span);

    /// <summary>A key giving a level's 0-based index.</summary>
    public static RowKey ByIndex(int index, SourceSpan span) => new(null, index, span);

    /// <summary>The key as written.</summary>
    public override string ToString() => Level ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
