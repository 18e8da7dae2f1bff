using System.Collections.Immutable;

namespace DagSynth.Models;

/// <summary>
/// A conditional probability table: one distribution over the child's levels for every parent
/// configuration. Values are stored flat in the canonical layout, row-major over
/// (parent 1, ..., parent k, child): the child varies fastest, then the last parent.
/// Immutable; every row sums to 1.
/// </summary>
public sealed class Cpt
{
    private readonly double[] _values;

    /// <summary>Creates a table; the caller guarantees the layout and that rows sum to 1.</summary>
    internal Cpt(ImmutableArray<int> parentCardinalities, int cardinality, double[] values)
    {
        ParentCardinalities = parentCardinalities;
        Cardinality = cardinality;
        _values = values;
        RowCount = values.Length / cardinality;
    }

    /// <summary>The number of levels of each parent, in the order of the variable's parents.</summary>
    public ImmutableArray<int> ParentCardinalities { get; }

    /// <summary>The number of levels of the child.</summary>
    public int Cardinality { get; }

    /// <summary>The number of parent configurations (1 for a root).</summary>
    public int RowCount { get; }

    /// <summary>All values in the canonical layout.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The child's distribution for parent configuration <paramref name="configuration"/>.</summary>
    public ReadOnlySpan<double> Row(int configuration) =>
        _values.AsSpan(configuration * Cardinality, Cardinality);

    /// <summary>P(child = <paramref name="level"/> | parents = <paramref name="parentLevels"/>).</summary>
    public double Probability(ReadOnlySpan<int> parentLevels, int level) => Row(ConfigurationOf(parentLevels))[level];

    /// <summary>The index of the parent configuration whose levels are <paramref name="parentLevels"/> (last parent fastest).</summary>
    public int ConfigurationOf(ReadOnlySpan<int> parentLevels)
    {
        var index = 0;
        for (var p = 0; p < ParentCardinalities.Length; p++)
        {
            index = (index * ParentCardinalities[p]) + parentLevels[p];
        }

        return index;
    }

    /// <summary>Writes the parent levels of configuration <paramref name="configuration"/> into <paramref name="parentLevels"/>.</summary>
    public void LevelsOf(int configuration, Span<int> parentLevels)
    {
        for (var p = ParentCardinalities.Length - 1; p >= 0; p--)
        {
            parentLevels[p] = configuration % ParentCardinalities[p];
            configuration /= ParentCardinalities[p];
        }
    }
}
