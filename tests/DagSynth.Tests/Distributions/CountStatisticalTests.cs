using DagSynth.Distributions;
using DagSynth.Testing;
using MathNet.Numerics.Distributions;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Chi-square goodness of fit of the count samplers against exact probabilities (Math.NET's
/// distribution functions, summed exactly over the support), in up to <see cref="Bins"/> bins of
/// near-equal probability (a single count per bin where the distribution is narrow), plus mean and
/// variance within 5 standard errors. For means or n p q beyond 1e7, where Math.NET's functions lose
/// digits, the reference is the normal approximation with continuity correction, whose error
/// (skewness / 6, below 1e-4) is far under the test's resolution. Fixed seed, <see cref="Rows"/>
/// cells per case, significance level <see cref="Alpha"/> per case.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class CountStatisticalTests
{
    private const double Alpha = 1e-3;
    private const int Rows = 60_000;
    private const int Bins = 60;

    private static readonly Dictionary<string, (CountSampler Sample, Func<long, double> Cdf, Moments Moments, long Max)> Cases = new()
    {
        ["Poisson(0.001)"] = Poisson(0.001),
        ["Poisson(0.7)"] = Poisson(0.7),
        ["Poisson(3.3)"] = Poisson(3.3),
        ["Poisson(9.99)"] = Poisson(9.99),
        ["Poisson(10)"] = Poisson(10),
        ["Poisson(10.5)"] = Poisson(10.5),
        ["Poisson(37.5)"] = Poisson(37.5),
        ["Poisson(1000)"] = Poisson(1000),
        ["Poisson(1e6)"] = Poisson(1e6),
        ["Poisson(1e10)"] = Poisson(1e10),
        ["Poisson(1e15)"] = Poisson(1e15),
        ["NegativeBinomial(0.5, 0.3)"] = NegativeBinomial(0.5, 0.3),
        ["NegativeBinomial(5, 0.5)"] = NegativeBinomial(5, 0.5),
        ["NegativeBinomial(50, 1)"] = NegativeBinomial(50, 1),
        ["NegativeBinomial(2.5, 20)"] = NegativeBinomial(2.5, 20),
        ["NegativeBinomial(200, 3)"] = NegativeBinomial(200, 3),
        ["NegativeBinomial(1000, 1e6)"] = NegativeBinomial(1000, 1e6),
        ["NegativeBinomial(1e4, 0.1)"] = NegativeBinomial(1e4, 0.1),
        ["Binomial(1, 0.3)"] = Binomial(1, 0.3),
        ["Binomial(20, 0.4)"] = Binomial(20, 0.4),
        ["Binomial(100, 0.07)"] = Binomial(100, 0.07),
        ["Binomial(50, 0.9)"] = Binomial(50, 0.9),
        ["Binomial(30, 0.34)"] = Binomial(30, 0.34),
        ["Binomial(100, 0.3)"] = Binomial(100, 0.3),
        ["Binomial(1000, 0.97)"] = Binomial(1000, 0.97),
        ["Binomial(1e6, 0.4)"] = Binomial(1_000_000, 0.4),
        ["Binomial(1e9, 5e-9)"] = Binomial(1_000_000_000, 5e-9),
        ["Binomial(1e9, 2e-8)"] = Binomial(1_000_000_000, 2e-8),
        ["Binomial(1e12, 0.5)"] = Binomial(1_000_000_000_000, 0.5),
        ["Binomial(1e15, 0.2)"] = Binomial(1_000_000_000_000_000, 0.2),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Should_PassChiSquareAndMatchTheMoments_When_ComparedWithExactProbabilities(string name)
    {
        // Given
        var (sample, cdf, moments, max) = Cases[name];

        // When
        var values = Samples.Counts(name, Rows, sample);

        // Then: in the support
        Assert.All(values, v => Assert.InRange(v, 0, max));

        // Then: chi-square over bins of near-equal probability
        var edges = BinEdges(cdf, moments);
        var counts = new long[edges.Count];
        foreach (var v in values)
        {
            var bin = edges.BinarySearch(v);
            counts[bin >= 0 ? bin : ~bin]++;
        }

        var probabilities = new double[edges.Count];
        var below = 0.0;
        for (var i = 0; i < edges.Count; i++)
        {
            var upTo = i == edges.Count - 1 ? 1.0 : cdf(edges[i]);
            probabilities[i] = upTo - below;
            below = upTo;
        }
        var p = ChiSquare.PValue(counts, probabilities);
        Assert.True(p > Alpha, $"{name}: chi-square p = {p:G3} over {edges.Count} bins");

        // Then: mean and variance within 5 standard errors
        var mean = values.Average(v => (double)v);
        var m2 = values.Average(v => (v - mean) * (v - mean));
        var m4 = values.Average(v => Math.Pow(v - mean, 4));
        var meanError = Math.Sqrt(moments.Variance / Rows);
        var varianceError = Math.Sqrt(Math.Max(m4 - (m2 * m2), 0) / Rows);
        Assert.True(Math.Abs(mean - moments.Mean) <= (5 * meanError) + 1e-12, $"{name}: mean {mean} vs {moments.Mean} (se {meanError:G3})");
        Assert.True(Math.Abs(m2 - moments.Variance) <= (5 * varianceError) + 1e-12, $"{name}: variance {m2} vs {moments.Variance} (se {varianceError:G3})");
    }

    /// <summary>Upper edges k_1 &lt; ... &lt; k_B (inclusive), each the smallest count with CDF &gt;= i / B; the last is the maximum.</summary>
    private static List<long> BinEdges(Func<long, double> cdf, Moments moments)
    {
        var edges = new List<long>();
        var hi = (long)Math.Min(9e18, moments.Mean + (200 * Math.Sqrt(moments.Variance)) + 1000);
        for (var i = 1; i < Bins; i++)
        {
            var target = (double)i / Bins;
            long lo = edges.Count == 0 ? 0 : edges[^1], top = hi;
            while (lo < top)
            {
                var mid = lo + ((top - lo) / 2);
                if (cdf(mid) >= target)
                {
                    top = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            if (edges.Count == 0 || lo > edges[^1])
            {
                edges.Add(lo);
            }
        }

        edges.Add(long.MaxValue);
        return edges;
    }

    private static (CountSampler, Func<long, double>, Moments, long) Poisson(double mean) =>
        ((ref d) => Draw.Poisson(ref d, mean),
         mean > 1e7 ? NormalApproximation(mean, mean) : k => k < 0 ? 0 : MathNet.Numerics.Distributions.Poisson.CDF(mean, k),
         Moments.Poisson(mean),
         long.MaxValue);

    private static (CountSampler, Func<long, double>, Moments, long) NegativeBinomial(double mean, double size) =>
        ((ref d) => Draw.NegativeBinomial(ref d, mean, size),
         k => k < 0 ? 0 : MathNet.Numerics.Distributions.NegativeBinomial.CDF(size, size / (size + mean), k),
         Moments.NegativeBinomial(mean, size),
         long.MaxValue);

    private static (CountSampler, Func<long, double>, Moments, long) Binomial(long n, double p) =>
        ((ref d) => Draw.Binomial(ref d, n, p),
         n * p * (1 - p) > 1e7 ? NormalApproximation(n * p, n * p * (1 - p)) : k => k < 0 ? 0 : MathNet.Numerics.Distributions.Binomial.CDF(p, (int)n, k),
         Moments.Binomial(n, p),
         n);

    private static Func<long, double> NormalApproximation(double mean, double variance) =>
        k => Normal.CDF(mean, Math.Sqrt(variance), k + 0.5);
}
