namespace DagSynth.Models;

/// <summary>What kind of values a variable takes.</summary>
public enum VariableKind
{
    /// <summary>Unordered levels.</summary>
    Categorical,

    /// <summary>Ordered levels (<c>ordered: true</c>).</summary>
    Ordinal,

    /// <summary>The two levels <c>false</c> and <c>true</c>, in that order.</summary>
    Boolean,

    /// <summary>A real number (normal, gamma, ... and numeric formulas).</summary>
    Continuous,

    /// <summary>A whole number (Poisson, negative binomial, binomial).</summary>
    Count,

    /// <summary>A calendar date, held as days since 1970-01-01.</summary>
    Date,

    /// <summary>A unique identifier such as <c>P000123</c>.</summary>
    Identifier,

    /// <summary>Fake text such as a name or an address.</summary>
    Text,
}

/// <summary>Facts about <see cref="VariableKind"/>s.</summary>
public static class VariableKinds
{
    /// <summary>Whether variables of this kind have levels (and level codes).</summary>
    public static bool IsDiscrete(this VariableKind kind) =>
        kind is VariableKind.Categorical or VariableKind.Ordinal or VariableKind.Boolean;

    /// <summary>Whether variables of this kind hold numbers (continuous, counts, dates, identifiers).</summary>
    public static bool IsNumeric(this VariableKind kind) =>
        kind is VariableKind.Continuous or VariableKind.Count or VariableKind.Date or VariableKind.Identifier;

    /// <summary>The type a variable of this kind has in an expression: a boolean, a level, or a number.</summary>
    internal static Expressions.ExprType ExpressionType(this VariableKind kind) => kind switch
    {
        VariableKind.Boolean => Expressions.ExprType.Boolean,
        VariableKind.Categorical or VariableKind.Ordinal => Expressions.ExprType.Level,
        _ => Expressions.ExprType.Number,
    };

    /// <summary>The node type of a table of a discrete kind (what a transformation writes when it replaces a conditional by a table).</summary>
    internal static NodeType TableNodeType(this VariableKind kind) => kind switch
    {
        VariableKind.Boolean => NodeType.Boolean,
        VariableKind.Ordinal => NodeType.Ordinal,
        _ => NodeType.Categorical,
    };
}
