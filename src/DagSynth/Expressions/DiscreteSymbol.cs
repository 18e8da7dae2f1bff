using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>What the binder needs to know about a discrete variable an expression may name.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Index">Its index in the model.</param>
/// <param name="Levels">Its levels, in order.</param>
/// <param name="IsBoolean">Whether it is a boolean (levels false, true), usable bare as a condition.</param>
public sealed record DiscreteSymbol(string Name, int Index, ImmutableArray<string> Levels, bool IsBoolean);
