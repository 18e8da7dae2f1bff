using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// A dense non-negative table over a set of discrete variables: the working unit of exact inference.
/// The variables are kept in ascending order of model index and the values are row-major over them,
/// the last variable fastest (the layout of <see cref="Cpt"/> when parents are sorted). Operations
/// multiply and add only, so a structural zero stays exactly 0. Callers check sizes against the
/// memory budget before creating a factor (<see cref="EntriesOf"/>); the constructor refuses sizes
/// an array cannot hold.
/// </summary>
internal sealed partial class Factor
{
    public Factor(int[] variables, int[] cardinalities, double[] values)
    {
        Variables = variables;
        Cardinalities = cardinalities;
        Values = values;
        Strides = StridesOf(cardinalities);
    }

    /// <summary>The variables' model indices, ascending.</summary>
    public int[] Variables { get; }

    /// <summary>The level count of each variable.</summary>
    public int[] Cardinalities { get; }

    /// <summary>The stride of each variable in <see cref="Values"/> (the last variable's is 1).</summary>
    public int[] Strides { get; }

    /// <summary>The entries.</summary>
    public double[] Values { get; }

    /// <summary>The number of entries.</summary>
    public int Size => Values.Length;

    /// <summary>A factor over no variables holding <paramref name="value"/>.</summary>
    public static Factor Scalar(double value) => new([], [], [value]);

    /// <summary>A factor of ones over <paramref name="variables"/>.</summary>
    public static Factor Ones(int[] variables, int[] cardinalities)
    {
        var values = Allocate(cardinalities);
        Array.Fill(values, 1.0);
        return new Factor(variables, cardinalities, values);
    }

    /// <summary>The number of entries of a table over variables with <paramref name="cardinalities"/>, as a double (never overflows).</summary>
    public static double EntriesOf(IEnumerable<int> cardinalities)
    {
        var size = 1.0;
        foreach (var c in cardinalities)
        {
            size *= c;
        }

        return size;
    }

    /// <summary>Row-major strides, the last position fastest.</summary>
    public static int[] StridesOf(int[] cardinalities)
    {
        var strides = new int[cardinalities.Length];
        var s = 1L;
        for (var i = cardinalities.Length - 1; i >= 0; i--)
        {
            strides[i] = (int)Math.Min(s, int.MaxValue);
            s *= cardinalities[i];
        }

        return strides;
    }

    /// <summary>The position of <paramref name="variable"/> among <see cref="Variables"/>, or a negative number.</summary>
    public int PositionOf(int variable) => Array.BinarySearch(Variables, variable);

    /// <summary>The sum of all entries.</summary>
    public double Sum()
    {
        var sum = 0.0;
        foreach (var v in Values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Divides every entry by <paramref name="total"/> (which must be positive).</summary>
    public void Scale(double total)
    {
        var factor = 1.0 / total;
        var values = Values;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }

    /// <summary>A copy of the factor.</summary>
    public Factor Clone() => new(Variables, Cardinalities, (double[])Values.Clone());

    /// <summary>
    /// The factor of <paramref name="variable"/>'s table, P(child | parents), over its family, with
    /// every observed variable of <paramref name="evidence"/> fixed and dropped from the scope. With
    /// <paramref name="support"/>, entries are 1 where the probability is positive and 0 where it is
    /// 0: sums of such factors count possible configurations, and no product of them can underflow.
    /// </summary>
    public static Factor FromCpt(Variable variable, Evidence evidence, bool support = false)
    {
        var table = ((CptConditional)variable.Conditional).Table;
        var family = variable.Parents.Append(variable.Index).ToArray();
        var familyCards = table.ParentCardinalities.Append(table.Cardinality).ToArray();
        var familyStrides = StridesOf(familyCards);

        // Fixed positions contribute a constant offset; the others are copied in sorted order.
        var sourceBase = 0;
        var free = new List<int>(family.Length);
        for (var j = 0; j < family.Length; j++)
        {
            if (evidence.TryGetLevel(family[j], out var level))
            {
                sourceBase += level * familyStrides[j];
            }
            else
            {
                free.Add(j);
            }
        }

        free.Sort((a, b) => family[a].CompareTo(family[b]));
        var variables = free.Select(j => family[j]).ToArray();
        var cards = free.Select(j => familyCards[j]).ToArray();
        var sourceStrides = free.Select(j => familyStrides[j]).ToArray();
        var values = Allocate(cards);
        var source = table.Values;
        var counter = new int[cards.Length];
        var s = sourceBase;
        for (var i = 0; i < values.Length; i++)
        {
            var p = source[s];
            values[i] = support ? (p > 0 ? 1.0 : 0.0) : p;
            for (var d = cards.Length - 1; d >= 0; d--)
            {
                s += sourceStrides[d];
                if (++counter[d] < cards[d])
                {
                    break;
                }

                counter[d] = 0;
                s -= sourceStrides[d] * cards[d];
            }
        }

        return new Factor(variables, cards, values);
    }

    /// <summary>Sets to 0 every entry where <paramref name="variable"/> is not at <paramref name="level"/> (entering evidence).</summary>
    public void Observe(int variable, int level)
    {
        var position = PositionOf(variable);
        var stride = Strides[position];
        var card = Cardinalities[position];
        var block = stride * card;
        var values = Values;
        for (var start = 0; start < values.Length; start += block)
        {
            values.AsSpan(start, level * stride).Clear();
            values.AsSpan(start + ((level + 1) * stride), (card - level - 1) * stride).Clear();
        }
    }

    /// <summary>The values rearranged so that the variables come in <paramref name="order"/> (a permutation of <see cref="Variables"/>).</summary>
    public double[] Reorder(IReadOnlyList<int> order)
    {
        var n = order.Count;
        var cards = new int[n];
        var sourceStrides = new int[n];
        for (var j = 0; j < n; j++)
        {
            var position = PositionOf(order[j]);
            cards[j] = Cardinalities[position];
            sourceStrides[j] = Strides[position];
        }

        var result = new double[Values.Length];
        var counter = new int[n];
        var s = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Values[s];
            for (var d = n - 1; d >= 0; d--)
            {
                s += sourceStrides[d];
                if (++counter[d] < cards[d])
                {
                    break;
                }

                counter[d] = 0;
                s -= sourceStrides[d] * cards[d];
            }
        }

        return result;
    }

    /// <summary>A zeroed array for a table over <paramref name="cardinalities"/>; throws when no array can hold it.</summary>
    public static double[] Allocate(int[] cardinalities)
    {
        var size = EntriesOf(cardinalities);
        if (size > Array.MaxLength)
        {
            throw new InvalidOperationException($"a table of {size:G3} entries was requested; sizes must be checked against the memory budget first");
        }

        return new double[(int)size];
    }
}
