using MathNet.Numerics.Distributions;

namespace DagSynth.Testing;

/// <summary>Pearson's chi-square goodness-of-fit test of observed counts against exact probabilities.</summary>
public static class ChiSquare
{
    /// <summary>
    /// The p-value of observing <paramref name="counts"/> when the probabilities are
    /// <paramref name="probabilities"/>. Categories with expected count below 5 are pooled, as the
    /// test's approximation needs; a count in a zero-probability category returns 0.
    /// </summary>
    public static double PValue(IReadOnlyList<long> counts, IReadOnlyList<double> probabilities)
    {
        var n = counts.Sum();
        var statistic = 0.0;
        var categories = 0;
        double pooledExpected = 0, pooledObserved = 0;
        for (var k = 0; k < counts.Count; k++)
        {
            var expected = n * probabilities[k];
            if (probabilities[k] == 0)
            {
                if (counts[k] > 0)
                {
                    return 0;
                }

                continue;
            }

            if (expected < 5)
            {
                pooledExpected += expected;
                pooledObserved += counts[k];
                continue;
            }

            statistic += (counts[k] - expected) * (counts[k] - expected) / expected;
            categories++;
        }

        if (pooledExpected > 0)
        {
            statistic += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            categories++;
        }

        return categories <= 1 ? 1.0 : 1 - ChiSquared.CDF(categories - 1, statistic);
    }
}
