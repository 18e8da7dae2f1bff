namespace DagSynth.Expressions;

/// <summary>The type of a bound expression.</summary>
public enum ExprType
{
    /// <summary>A real number (continuous and count variables, dates as days, arithmetic).</summary>
    Number,

    /// <summary>True or false; 1 or 0 in arithmetic.</summary>
    Boolean,

    /// <summary>A level of a categorical or ordinal variable (or of <c>cut</c>): only comparable with levels.</summary>
    Level,
}
