using System.Collections.Immutable;

namespace DagSynth.Inference;

/// <summary>A bound independence statement <c>X _||_ Y | Z</c>, to be tested by d-separation.</summary>
/// <param name="Text">The statement as written.</param>
/// <param name="Left">The variables of X.</param>
/// <param name="Right">The variables of Y.</param>
/// <param name="Given">The variables of Z (possibly none).</param>
public sealed record IndependenceQuery(string Text, ImmutableArray<int> Left, ImmutableArray<int> Right, ImmutableArray<int> Given);
