using System.Collections.Immutable;

namespace DagSynth.Learning;

/// <summary>
/// The counts of one family (a child and its parents): for every parent configuration (last parent
/// fastest, as in <see cref="Models.Cpt"/>), how often each child level occurs. Rows where the child or
/// any parent is missing are left out (available-case analysis, family by family).
/// </summary>
public sealed class FamilyCounts
{
    private readonly long[] _counts;

    private FamilyCounts(ImmutableArray<int> parentCardinalities, int cardinality, long[] counts, long rowsUsed)
    {
        ParentCardinalities = parentCardinalities;
        Cardinality = cardinality;
        _counts = counts;
        RowsUsed = rowsUsed;
    }

    /// <summary>The number of levels of each parent, in the order given.</summary>
    public ImmutableArray<int> ParentCardinalities { get; }

    /// <summary>The number of levels of the child.</summary>
    public int Cardinality { get; }

    /// <summary>The number of parent configurations (1 for a root).</summary>
    public int ConfigurationCount => _counts.Length / Cardinality;

    /// <summary>The number of rows counted: those where the child and every parent are observed.</summary>
    public long RowsUsed { get; }

    /// <summary>The number of parent configurations that no counted row shows.</summary>
    public int UnseenConfigurations
    {
        get
        {
            var unseen = 0;
            for (var j = 0; j < ConfigurationCount; j++)
            {
                var total = 0L;
                foreach (var n in Row(j))
                {
                    total += n;
                }

                unseen += total == 0 ? 1 : 0;
            }

            return unseen;
        }
    }

    /// <summary>All counts, row-major over (parent configuration, child level).</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The counts of the child's levels under parent configuration <paramref name="configuration"/>.</summary>
    public ReadOnlySpan<long> Row(int configuration) => _counts.AsSpan(configuration * Cardinality, Cardinality);

    /// <summary>
    /// Counts a family from columns of level codes of equal length; <see cref="ParameterLearner.MissingCode"/>
    /// marks a missing cell.
    /// </summary>
    /// <param name="child">The child's codes.</param>
    /// <param name="cardinality">The number of levels of the child.</param>
    /// <param name="parents">The parents' codes, in table order.</param>
    /// <param name="parentCardinalities">The number of levels of each parent.</param>
    /// <exception cref="ArgumentException">The columns differ in length, or a code is out of range.</exception>
    public static FamilyCounts Count(ReadOnlySpan<ushort> child, int cardinality, IReadOnlyList<ReadOnlyMemory<ushort>> parents, ImmutableArray<int> parentCardinalities)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentOutOfRangeException.ThrowIfLessThan(cardinality, 1);
        if (parents.Count != parentCardinalities.Length)
        {
            throw new ArgumentException("one cardinality per parent column is needed", nameof(parentCardinalities));
        }

        var configurations = 1;
        foreach (var c in parentCardinalities)
        {
            configurations = checked(configurations * c);
        }

        var counts = new long[checked(configurations * cardinality)];
        var parentSpans = new ReadOnlyMemory<ushort>[parents.Count];
        for (var p = 0; p < parents.Count; p++)
        {
            if (parents[p].Length != child.Length)
            {
                throw new ArgumentException("every column must have as many rows as the child's", nameof(parents));
            }

            parentSpans[p] = parents[p];
        }

        long used = 0;
        for (var row = 0; row < child.Length; row++)
        {
            var level = child[row];
            if (level == ParameterLearner.MissingCode)
            {
                continue;
            }

            var configuration = 0;
            var observed = true;
            for (var p = 0; p < parentSpans.Length; p++)
            {
                var code = parentSpans[p].Span[row];
                if (code == ParameterLearner.MissingCode)
                {
                    observed = false;
                    break;
                }

                if (code >= parentCardinalities[p])
                {
                    throw new ArgumentException($"code {code} of parent {p} in row {row} is not below its {parentCardinalities[p]} levels", nameof(parents));
                }

                configuration = (configuration * parentCardinalities[p]) + code;
            }

            if (!observed)
            {
                continue;
            }

            if (level >= cardinality)
            {
                throw new ArgumentException($"child code {level} in row {row} is not below its {cardinality} levels", nameof(child));
            }

            counts[(configuration * cardinality) + level]++;
            used++;
        }

        return new FamilyCounts(parentCardinalities, cardinality, counts, used);
    }
}
