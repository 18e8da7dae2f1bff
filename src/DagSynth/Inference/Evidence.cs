using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// Observed values: a set of variables, each fixed to one level. Immutable; the assignments are kept
/// in ascending order of variable index, so two evidence sets with the same content are equal.
/// </summary>
public sealed class Evidence : IEquatable<Evidence>
{
    private Evidence(ImmutableArray<LevelAssignment> assignments) => Assignments = assignments;

    /// <summary>No evidence.</summary>
    public static Evidence None { get; } = new([]);

    /// <summary>The assignments, in ascending order of variable index.</summary>
    public ImmutableArray<LevelAssignment> Assignments { get; }

    /// <summary>The number of observed variables.</summary>
    public int Count => Assignments.Length;

    /// <summary>Whether nothing is observed.</summary>
    public bool IsEmpty => Assignments.IsEmpty;

    /// <summary>The evidence made of <paramref name="assignments"/>.</summary>
    /// <exception cref="ArgumentException">A variable is given two different levels.</exception>
    public static Evidence Of(IEnumerable<LevelAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var sorted = assignments.Distinct().OrderBy(a => a.Variable).ToImmutableArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Variable == sorted[i - 1].Variable)
            {
                throw new ArgumentException($"variable {sorted[i].Variable} is given two levels", nameof(assignments));
            }
        }

        return sorted.IsEmpty ? None : new Evidence(sorted);
    }

    /// <summary>The evidence made of <paramref name="assignments"/>.</summary>
    public static Evidence Of(params LevelAssignment[] assignments) => Of((IEnumerable<LevelAssignment>)assignments);

    /// <summary>This evidence and <paramref name="variable"/> = <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">The variable is already observed at another level.</exception>
    public Evidence With(int variable, int level) => Of(Assignments.Append(new LevelAssignment(variable, level)));

    /// <summary>This evidence without the assignment of <paramref name="variable"/>.</summary>
    public Evidence Without(int variable) => Of(Assignments.Where(a => a.Variable != variable));

    /// <summary>Whether <paramref name="variable"/> is observed.</summary>
    public bool Contains(int variable) => TryGetLevel(variable, out _);

    /// <summary>The observed level of <paramref name="variable"/>, if it is observed.</summary>
    public bool TryGetLevel(int variable, out int level)
    {
        foreach (var a in Assignments)
        {
            if (a.Variable == variable)
            {
                level = a.Level;
                return true;
            }
        }

        level = -1;
        return false;
    }

    /// <summary>Formats the evidence with names, as <c>a=x, b=y</c>.</summary>
    public string Describe(Model model) => LevelAssignment.Describe(model, Assignments);

    /// <summary>Enumerates the assignments in ascending order of variable index.</summary>
    public ImmutableArray<LevelAssignment>.Enumerator GetEnumerator() => Assignments.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Evidence? other) => other is not null && Assignments.SequenceEqual(other.Assignments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Evidence);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var a in Assignments)
        {
            hash.Add(a);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", Assignments.Select(a => $"{a.Variable}={a.Level}"));
}
