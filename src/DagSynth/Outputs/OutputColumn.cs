using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Outputs;

/// <summary>What a column of output holds, and so how each format writes it.</summary>
public enum OutputColumnKind
{
    /// <summary>Levels of a categorical or ordinal variable, held as codes into <see cref="OutputColumn.Levels"/>.</summary>
    Level,

    /// <summary>false / true, held as codes 0 / 1.</summary>
    Boolean,

    /// <summary>A real number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Count,

    /// <summary>A date, held as days since 1970-01-01.</summary>
    Date,

    /// <summary>An identifier number, written through its variable's pattern.</summary>
    Identifier,

    /// <summary>Free text (fake text, and levels made dirty by typos).</summary>
    Text,
}

/// <summary>One column of an output table.</summary>
/// <param name="Name">The column's name (the variable's name).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Variable">The variable it comes from (for identifier patterns, units, labels), if any.</param>
/// <param name="Levels">The levels in model order, for <see cref="OutputColumnKind.Level"/> and <see cref="OutputColumnKind.Boolean"/>.</param>
/// <param name="Ordered">Whether the levels are ordered.</param>
/// <param name="Nullable">Whether cells may be missing.</param>
public sealed record OutputColumn(string Name, OutputColumnKind Kind, Variable? Variable, ImmutableArray<string> Levels, bool Ordered, bool Nullable)
{
    /// <summary>Whether the column's cells are held as codes.</summary>
    public bool HasCodes => Kind is OutputColumnKind.Level or OutputColumnKind.Boolean;

    /// <summary>Whether the column's cells are held as doubles.</summary>
    public bool HasValues => Kind is OutputColumnKind.Number or OutputColumnKind.Count or OutputColumnKind.Date or OutputColumnKind.Identifier;

    /// <summary>The column of a variable's values as generated.</summary>
    public static OutputColumn Of(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var kind = variable.Kind switch
        {
            VariableKind.Boolean => OutputColumnKind.Boolean,
            VariableKind.Categorical or VariableKind.Ordinal => OutputColumnKind.Level,
            VariableKind.Count => OutputColumnKind.Count,
            VariableKind.Date => OutputColumnKind.Date,
            VariableKind.Identifier => OutputColumnKind.Identifier,
            VariableKind.Text => OutputColumnKind.Text,
            _ => OutputColumnKind.Number,
        };
        return new OutputColumn(variable.Name, kind, variable, variable.Levels, variable.Kind == VariableKind.Ordinal, variable.Missing is not null);
    }
}
