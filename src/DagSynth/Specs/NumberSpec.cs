using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A number as written in a model file: either a literal (<see cref="Symbol"/> is null) or the name of
/// a model parameter or an expression of parameters (<c>log(2)</c>, <c>or_smoking ^ 2</c>), resolved
/// when the model is built.
/// </summary>
/// <param name="Value">The literal value (ignored when <see cref="Symbol"/> is set).</param>
/// <param name="Symbol">A parameter name, or <see langword="null"/> for a literal.</param>
/// <param name="Span">Where the number is written.</param>
public readonly record struct NumberSpec(double Value, string? Symbol, SourceSpan Span)
{
    /// <summary>A literal number.</summary>
    public static NumberSpec Literal(double value, SourceSpan span) => new(value, null, span);

    /// <summary>A reference to a named parameter.</summary>
    public static NumberSpec Parameter(string name, SourceSpan span) => new(double.NaN, name, span);
}
