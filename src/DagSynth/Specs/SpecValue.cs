using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Specs;

/// <summary>
/// A value as written in a model file, with its position: a scalar, a list or a map. Node settings
/// (distribution parameters, odds ratios, thresholds...) travel from the reader to the core in this
/// form, so the vocabulary of node kinds is defined once, in the core, for every format.
/// </summary>
/// <param name="Span">Where the value is written.</param>
public abstract record SpecValue(SourceSpan Span)
{
    /// <summary>A short description of the value's shape, for messages.</summary>
    public abstract string Describe();
}

/// <summary>A scalar: a number, a name, an expression or a level, as text.</summary>
/// <param name="Span">Where the text starts (after an opening quote).</param>
/// <param name="Text">The text as written.</param>
public sealed record SpecScalar(SourceSpan Span, string Text) : SpecValue(Span)
{
    /// <inheritdoc/>
    public override string Describe() => $"'{Text}'";
}

/// <summary>A list.</summary>
/// <param name="Span">Where the list starts.</param>
/// <param name="Items">The items in order.</param>
public sealed record SpecList(SourceSpan Span, ImmutableArray<SpecValue> Items) : SpecValue(Span)
{
    /// <inheritdoc/>
    public override string Describe() => "a list";
}

/// <summary>A map, with its entries in the order written (duplicates kept, to be reported).</summary>
/// <param name="Span">Where the map starts.</param>
/// <param name="Entries">The key and value pairs.</param>
public sealed record SpecMap(SourceSpan Span, ImmutableArray<SpecEntry> Entries) : SpecValue(Span)
{
    /// <inheritdoc/>
    public override string Describe() => "a mapping";
}

/// <summary>One entry of a <see cref="SpecMap"/>, or one setting of a variable.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value.</param>
public sealed record SpecEntry(Located<string> Key, SpecValue Value);
