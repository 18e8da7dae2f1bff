using System.Runtime.CompilerServices;

namespace DagSynth.Sampling;

/// <summary>
/// The rows of one table compiled for inverse-CDF sampling on 63-bit uniforms. For row r and level k,
/// <c>Thresholds[r * Stride + k]</c> is floor(P(level &lt;= k) * 2^63); from the last level with positive
/// probability on, it is <see cref="ulong.MaxValue"/>, which a 63-bit uniform never reaches. The level
/// drawn for uniform u is the smallest k with u &lt; threshold(k): the same mapping whichever search is
/// used, so the search method is free to change without changing any output. A zero-probability level
/// has an empty interval and is never drawn: structural zeros are exact.
/// </summary>
internal sealed class DiscreteRows
{
    /// <summary>Tables with at most this many levels use a branch-free count; larger ones a guide table.</summary>
    public const int LinearSearchLimit = 8;

    public DiscreteRows(ReadOnlySpan<double> values, int cardinality)
    {
        Cardinality = cardinality;
        Stride = cardinality;
        var rows = values.Length / cardinality;
        Thresholds = new ulong[(long)rows * cardinality];
        for (var r = 0; r < rows; r++)
        {
            FillThresholds(values.Slice(r * cardinality, cardinality), Thresholds.AsSpan(r * cardinality, cardinality));
        }

        if (cardinality > LinearSearchLimit)
        {
            GuideBits = 64 - (int)ulong.LeadingZeroCount((ulong)cardinality - 1);
            var guideSize = 1 << GuideBits;
            Guide = new int[(long)rows * guideSize];
            for (var r = 0; r < rows; r++)
            {
                var t = Thresholds.AsSpan(r * cardinality, cardinality);
                var k = 0;
                for (var j = 0; j < guideSize; j++)
                {
                    var bucketStart = (ulong)j << (63 - GuideBits);
                    while (t[k] <= bucketStart)
                    {
                        k++;
                    }

                    Guide[(r * guideSize) + j] = k;
                }
            }
        }
        else
        {
            Guide = [];
        }
    }

    public int Cardinality { get; }

    public int Stride { get; }

    public ulong[] Thresholds { get; }

    /// <summary>log2 of the guide-table size per row (0 when unused).</summary>
    public int GuideBits { get; }

    public int[] Guide { get; }

    /// <summary>The inverse CDF of one row at 63-bit uniform <paramref name="u"/>, by a branch-free count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountBelow(ReadOnlySpan<ulong> thresholds, ulong u)
    {
        var k = 0;
        for (var i = 0; i < thresholds.Length - 1; i++)
        {
            k += u >= thresholds[i] ? 1 : 0;
        }

        return k;
    }

    private static void FillThresholds(ReadOnlySpan<double> p, Span<ulong> t)
    {
        var last = p.Length - 1;
        while (last > 0 && p[last] <= 0)
        {
            last--;
        }

        const double Scale = 9223372036854775808.0; // 2^63
        var cumulative = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            if (k >= last)
            {
                t[k] = ulong.MaxValue;
                continue;
            }

            cumulative += p[k];
            var scaled = cumulative * Scale;
            t[k] = scaled >= Scale ? (1UL << 63) - 1 : (ulong)scaled;
        }
    }
}
