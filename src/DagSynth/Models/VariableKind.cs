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
}
