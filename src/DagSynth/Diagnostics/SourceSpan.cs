namespace DagSynth.Diagnostics;

/// <summary>
/// A place in a source file: 1-based line and column of the first character, and optionally of the
/// character after the last one. A span with <see cref="Line"/> 0 names only the source.
/// </summary>
/// <param name="Source">The file name (or another name for the source, such as <c>&lt;stdin&gt;</c>).</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
public readonly record struct SourceSpan(string Source, int Line, int Column)
{
    /// <summary>A span that points nowhere.</summary>
    public static SourceSpan None { get; } = new(string.Empty, 0, 0);

    /// <summary>Whether the span names a line.</summary>
    public bool HasPosition => Line > 0;

    /// <summary>A span that names only a source, with no position.</summary>
    public static SourceSpan InSource(string source) => new(source, 0, 0);

    /// <summary>The span moved <paramref name="columns"/> characters to the right on the same line.</summary>
    public SourceSpan Shift(int columns) => HasPosition ? this with { Column = Column + columns } : this;

    /// <summary>Formats the span as <c>source:line:col</c> (or just the source when it has no position).</summary>
    public override string ToString() =>
        HasPosition ? $"{Source}:{Line}:{Column}" : Source;
}
