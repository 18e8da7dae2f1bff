using System.Collections.Immutable;

namespace DagSynth.Reports.Statistics;

/// <summary>A numeric sample summarised: count, mean with its 95% interval, standard deviation and quantiles.</summary>
/// <param name="Count">Values summarised (missing values left out).</param>
/// <param name="Mean">The mean with its 95% interval (normal approximation).</param>
/// <param name="StandardDeviation">The sample standard deviation.</param>
/// <param name="Quantiles">Minimum, 5%, 25%, 50%, 75%, 95% and maximum (<see cref="Probabilities"/>).</param>
/// <param name="Sorted">The values in ascending order (for histograms).</param>
public sealed record NumericSummary(long Count, ConfidenceInterval Mean, double StandardDeviation, ImmutableArray<double> Quantiles, double[] Sorted)
{
    /// <summary>The probabilities of <see cref="Quantiles"/>.</summary>
    public static readonly ImmutableArray<double> Probabilities = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

    /// <summary>Summarises <paramref name="values"/>, leaving out NaN (missing).</summary>
    public static NumericSummary Of(ReadOnlySpan<double> values)
    {
        var list = new List<double>(values.Length);
        foreach (var x in values)
        {
            if (!double.IsNaN(x))
            {
                list.Add(x);
            }
        }

        var sorted = list.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        if (n == 0)
        {
            return new NumericSummary(0, ConfidenceInterval.Undefined, double.NaN, [.. Probabilities.Select(_ => double.NaN)], sorted);
        }

        // Sums in row order (not sorted order) would depend on nothing else either; sorted is used
        // for both so that the same multiset gives the same bits.
        var sum = 0.0;
        foreach (var x in sorted)
        {
            sum += x;
        }

        var mean = sum / n;
        var squares = 0.0;
        foreach (var x in sorted)
        {
            squares += (x - mean) * (x - mean);
        }

        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        return new NumericSummary(n, Intervals.Mean(mean, sd, n), sd, [.. Probabilities.Select(p => Quantile(sorted, p))], sorted);
    }

    /// <summary>The quantile of sorted values by linear interpolation (type 7, R's default).</summary>
    public static double Quantile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
