namespace DagSynth.Designs;

/// <summary>How a condition on generated rows is met, from the most to the least exact.</summary>
public enum ConditioningMethod
{
    /// <summary>Exactly, through the junction tree of the discrete part: cost independent of how rare the evidence is.</summary>
    Exact,

    /// <summary>Exactly, by inverting a root's distribution function over the allowed interval.</summary>
    Truncation,

    /// <summary>By bounded rejection, row by row, with its own attempt streams.</summary>
    Rejection,
}
