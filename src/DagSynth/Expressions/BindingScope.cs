using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>A variable an expression may name, as the binder sees it.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Index">Its index in the model.</param>
/// <param name="Type">Number (continuous, count, date), Boolean, or Level (categorical, ordinal).</param>
/// <param name="Levels">Its levels, for Boolean and Level variables.</param>
public sealed record ScopeVariable(string Name, int Index, ExprType Type, ImmutableArray<string> Levels);

/// <summary>What names mean while an expression is bound: variables and named parameters.</summary>
/// <param name="Variables">The variables that may be named.</param>
/// <param name="Parameters">The named constants.</param>
public sealed record BindingScope(
    IReadOnlyDictionary<string, ScopeVariable> Variables,
    IReadOnlyDictionary<string, double> Parameters)
{
    /// <summary>A scope with parameters only (for numbers written as expressions).</summary>
    public static BindingScope ParametersOnly(IReadOnlyDictionary<string, double> parameters) =>
        new(new Dictionary<string, ScopeVariable>(StringComparer.Ordinal), parameters);
}
