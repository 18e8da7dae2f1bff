namespace DagSynth.Models;

/// <summary>
/// How a variable depends on its parents. Tables now; logistic, noisy-OR, continuous, count and
/// derived conditionals are further subclasses, each compiled by the sampling plan.
/// </summary>
public abstract class Conditional
{
    private protected Conditional()
    {
    }
}

/// <summary>A conditional given by a full probability table.</summary>
public sealed class CptConditional : Conditional
{
    /// <summary>Wraps <paramref name="table"/>.</summary>
    public CptConditional(Cpt table) => Table = table;

    /// <summary>The table.</summary>
    public Cpt Table { get; }
}
