using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>A value read from a file, with the place it was read from.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Span">Where it is in the source.</param>
public readonly record struct Located<T>(T Value, SourceSpan Span)
{
    /// <summary>Formats the value only.</summary>
    public override string ToString() => Value?.ToString() ?? string.Empty;
}
