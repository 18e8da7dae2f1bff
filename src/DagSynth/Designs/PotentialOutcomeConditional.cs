using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// A potential outcome: the value the outcome would take in the same row had the treatment been
/// forced to one level, <c>Y(do(T = t))</c>. The treatment's descendants that lead to the outcome are
/// drawn again with the treatment forced, from their own streams (common random numbers), so that
/// everything not downstream of the treatment is shared with the row as generated.
/// </summary>
public sealed class PotentialOutcomeConditional : Conditional
{
    internal PotentialOutcomeConditional(int treatment, int level, int outcome, ImmutableArray<int> redrawn)
    {
        Treatment = treatment;
        Level = level;
        Outcome = outcome;
        Redrawn = redrawn;
    }

    /// <summary>The treatment variable's index.</summary>
    public int Treatment { get; }

    /// <summary>The level the treatment is forced to.</summary>
    public int Level { get; }

    /// <summary>The outcome variable's index.</summary>
    public int Outcome { get; }

    /// <summary>The variables drawn again, in a topological order: descendants of the treatment that are the outcome or its ancestors.</summary>
    public ImmutableArray<int> Redrawn { get; }
}
