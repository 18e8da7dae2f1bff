namespace DagSynth.Inference;

internal sealed partial class Factor
{
    /// <summary>
    /// The product of <paramref name="factors"/> with every variable not in <paramref name="keep"/>
    /// summed out, computed in one pass without forming the full product: for each joint
    /// configuration of the factors' variables, the product of their entries is added to the
    /// result's entry. Time is proportional to the size of that joint configuration space (the
    /// clique) times the number of factors; memory to the result only.
    /// </summary>
    /// <param name="factors">The factors to multiply (at least one).</param>
    /// <param name="keep">The variables of the result, ascending; each must occur in some factor.</param>
    public static Factor SumProduct(IReadOnlyList<Factor> factors, int[] keep)
    {
        var union = UnionOf(factors, out var cards);
        var u = union.Length;
        var k = factors.Count;
        var keepCards = new int[keep.Length];
        var resultStrides = new int[u];
        var keepStrides = StridesOf(MapCards(keep, union, cards, keepCards));
        for (var j = 0; j < keep.Length; j++)
        {
            resultStrides[Array.BinarySearch(union, keep[j])] = keepStrides[j];
        }

        var result = Allocate(keepCards);
        if (u == 0)
        {
            var p = 1.0;
            foreach (var f in factors)
            {
                p *= f.Values[0];
            }

            result[0] = p;
            return new Factor(keep, keepCards, result);
        }

        var strides = new int[k + 1][];
        var values = new double[k][];
        for (var f = 0; f < k; f++)
        {
            strides[f] = StridesIn(factors[f], union);
            values[f] = factors[f].Values;
        }

        strides[k] = resultStrides;
        (cards, strides) = Fuse(cards, strides);
        u = cards.Length;
        resultStrides = strides[k];
        var last = u - 1;
        var inner = cards[last];
        var innerStrides = new int[k];
        for (var f = 0; f < k; f++)
        {
            innerStrides[f] = strides[f][last];
        }

        var resultInner = resultStrides[last];
        var index = new int[k];
        var counter = new int[u];
        var resultIndex = 0;
        var outer = EntriesOf(cards) / inner;
        for (long o = 0; o < outer; o++)
        {
            if (k == 1 && resultInner == 0)
            {
                var v0 = values[0];
                int i0 = index[0], s0 = innerStrides[0];
                var sum = 0.0;
                for (var i = 0; i < inner; i++)
                {
                    sum += v0[i0 + (i * s0)];
                }

                result[resultIndex] += sum;
            }
            else if (k == 1)
            {
                var v0 = values[0];
                int i0 = index[0], s0 = innerStrides[0];
                for (var i = 0; i < inner; i++)
                {
                    result[resultIndex + (i * resultInner)] += v0[i0 + (i * s0)];
                }
            }
            else if (k == 2)
            {
                var v0 = values[0];
                var v1 = values[1];
                int i0 = index[0], s0 = innerStrides[0], i1 = index[1], s1 = innerStrides[1];
                for (var i = 0; i < inner; i++)
                {
                    result[resultIndex + (i * resultInner)] += v0[i0 + (i * s0)] * v1[i1 + (i * s1)];
                }
            }
            else
            {
                for (var i = 0; i < inner; i++)
                {
                    var p = values[0][index[0] + (i * innerStrides[0])];
                    for (var f = 1; f < k && p != 0; f++)
                    {
                        p *= values[f][index[f] + (i * innerStrides[f])];
                    }

                    result[resultIndex + (i * resultInner)] += p;
                }
            }

            for (var d = last - 1; d >= 0; d--)
            {
                for (var f = 0; f < k; f++)
                {
                    index[f] += strides[f][d];
                }

                resultIndex += resultStrides[d];
                if (++counter[d] < cards[d])
                {
                    break;
                }

                counter[d] = 0;
                for (var f = 0; f < k; f++)
                {
                    index[f] -= strides[f][d] * cards[d];
                }

                resultIndex -= resultStrides[d] * cards[d];
            }
        }

        return new Factor(keep, keepCards, result);
    }

    /// <summary>This factor summed onto <paramref name="keep"/> (ascending, a subset of its variables).</summary>
    public Factor Marginalize(int[] keep) => SumProduct([this], keep);

    /// <summary>Multiplies this factor, in place, by <paramref name="other"/>, whose variables are a subset of this one's.</summary>
    public void MultiplyIn(Factor other)
    {
        var u = Variables.Length;
        if (u == 0)
        {
            Values[0] *= other.Values[0];
            return;
        }

        var (cards, fused) = Fuse(Cardinalities, [StridesIn(other, Variables), Strides]);
        var strides = fused[0];
        u = cards.Length;
        var last = u - 1;
        var inner = cards[last];
        var innerStride = strides[last];
        var source = other.Values;
        var target = Values;
        var counter = new int[u];
        var s = 0;
        for (var start = 0; start < target.Length; start += inner)
        {
            for (var i = 0; i < inner; i++)
            {
                target[start + i] *= source[s + (i * innerStride)];
            }

            for (var d = last - 1; d >= 0; d--)
            {
                s += strides[d];
                if (++counter[d] < cards[d])
                {
                    break;
                }

                counter[d] = 0;
                s -= strides[d] * cards[d];
            }
        }
    }

    /// <summary>
    /// The entrywise ratio <paramref name="numerator"/> / <paramref name="denominator"/> over the same
    /// variables, with 0/0 = 0 (the Hugin update: a configuration ruled out stays ruled out).
    /// </summary>
    public static Factor Ratio(Factor numerator, Factor denominator)
    {
        var values = new double[numerator.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var d = denominator.Values[i];
            values[i] = d == 0 ? 0 : numerator.Values[i] / d;
        }

        return new Factor(numerator.Variables, numerator.Cardinalities, values);
    }

    /// <summary>The sorted union of the factors' variables, and their level counts.</summary>
    private static int[] UnionOf(IReadOnlyList<Factor> factors, out int[] cards)
    {
        var union = new List<int>();
        var unionCards = new List<int>();
        foreach (var f in factors)
        {
            if (union.Count == 0)
            {
                union.AddRange(f.Variables);
                unionCards.AddRange(f.Cardinalities);
                continue;
            }

            for (var j = 0; j < f.Variables.Length; j++)
            {
                var position = union.BinarySearch(f.Variables[j]);
                if (position < 0)
                {
                    union.Insert(~position, f.Variables[j]);
                    unionCards.Insert(~position, f.Cardinalities[j]);
                }
            }
        }

        cards = [.. unionCards];
        return [.. union];
    }

    /// <summary>
    /// Merges neighbouring loop dimensions that every operand walks contiguously (its stride of the
    /// outer one equals its stride of the inner one times the inner level count, or both are 0),
    /// so loops run long inner spans instead of many short ones. The strides arrays are per operand.
    /// </summary>
    internal static (int[] Cards, int[][] Strides) Fuse(int[] cards, int[][] strides)
    {
        if (cards.Length <= 1)
        {
            return (cards, strides);
        }

        var fusedCards = new List<int> { cards[^1] };
        var fusedStrides = strides.Select(s => new List<int> { s[^1] }).ToArray();
        for (var d = cards.Length - 2; d >= 0; d--)
        {
            var inner = fusedCards[0];
            var contiguous = true;
            for (var j = 0; j < strides.Length && contiguous; j++)
            {
                contiguous = (long)strides[j][d] == (long)fusedStrides[j][0] * inner && (long)fusedCards[0] * cards[d] <= int.MaxValue;
            }

            if (contiguous)
            {
                fusedCards[0] *= cards[d];
            }
            else
            {
                fusedCards.Insert(0, cards[d]);
                for (var j = 0; j < strides.Length; j++)
                {
                    fusedStrides[j].Insert(0, strides[j][d]);
                }
            }
        }

        return ([.. fusedCards], [.. fusedStrides.Select(s => s.ToArray())]);
    }

    private static int[] MapCards(int[] subset, int[] union, int[] unionCards, int[] into)
    {
        for (var j = 0; j < subset.Length; j++)
        {
            var position = Array.BinarySearch(union, subset[j]);
            if (position < 0)
            {
                throw new ArgumentException($"variable {subset[j]} is kept but occurs in no factor", nameof(subset));
            }

            into[j] = unionCards[position];
        }

        return into;
    }

    /// <summary>For each variable of <paramref name="union"/>, its stride in <paramref name="factor"/> (0 when absent).</summary>
    private static int[] StridesIn(Factor factor, int[] union)
    {
        var strides = new int[union.Length];
        for (var j = 0; j < factor.Variables.Length; j++)
        {
            strides[Array.BinarySearch(union, factor.Variables[j])] = factor.Strides[j];
        }

        return strides;
    }
}
