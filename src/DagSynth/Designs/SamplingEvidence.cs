using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// What generated rows are conditioned on: discrete variables fixed to levels (<c>cvd=true</c>) and
/// conditions written as expressions (<c>sbp &gt;= 140</c>). Immutable.
/// </summary>
public sealed class SamplingEvidence
{
    private SamplingEvidence(ImmutableArray<LevelAssignment> levels, ImmutableArray<EvidencePredicate> predicates)
    {
        Levels = levels;
        Predicates = predicates;
    }

    /// <summary>No conditions: plain forward sampling.</summary>
    public static SamplingEvidence None { get; } = new([], []);

    /// <summary>The level assignments, in the order given (a variable may appear once).</summary>
    public ImmutableArray<LevelAssignment> Levels { get; }

    /// <summary>The conditions written as expressions, in the order given.</summary>
    public ImmutableArray<EvidencePredicate> Predicates { get; }

    /// <summary>Whether there is no condition at all.</summary>
    public bool IsEmpty => Levels.IsEmpty && Predicates.IsEmpty;

    /// <summary>Evidence made of <paramref name="levels"/> and <paramref name="predicates"/>.</summary>
    public static SamplingEvidence Of(IEnumerable<LevelAssignment> levels, IEnumerable<EvidencePredicate>? predicates = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var l = levels.ToImmutableArray();
        var p = predicates?.ToImmutableArray() ?? [];
        return l.IsEmpty && p.IsEmpty ? None : new SamplingEvidence(l, p);
    }

    /// <summary>This evidence and <paramref name="levels"/> (a variable given twice at different levels makes the evidence impossible).</summary>
    public SamplingEvidence With(IEnumerable<LevelAssignment> levels) => Of(Levels.Concat(levels), Predicates);

    /// <summary>Formats the evidence with names: <c>cvd=true, sbp &gt;= 140</c>.</summary>
    public string Describe(Model model) =>
        string.Join(", ", Levels.Select(a => a.Describe(model)).Concat(Predicates.Select(p => p.Text)));
}
