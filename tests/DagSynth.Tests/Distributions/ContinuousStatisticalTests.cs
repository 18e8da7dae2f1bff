using DagSynth.Distributions;
using DagSynth.Testing;
using MathNet.Numerics.Distributions;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// One-sample Kolmogorov-Smirnov tests of every continuous sampler, for ordinary and extreme
/// parameters, against Math.NET's distribution functions (or the independent truncated-normal
/// reference). Fixed seed, <see cref="Rows"/> cells per case, significance level <see cref="Alpha"/>
/// per case: a failure means the sampler draws from the wrong distribution (or a one-in-a-thousand
/// seed, to be examined, not re-rolled).
/// </summary>
[Trait("Category", "Statistical")]
public sealed class ContinuousStatisticalTests
{
    /// <summary>Per-case significance level.</summary>
    private const double Alpha = 1e-3;

    /// <summary>Cells drawn per case.</summary>
    private const int Rows = 40_000;

    private static readonly Dictionary<string, (ContinuousSampler Sample, Func<double, double> Cdf)> Cases = new()
    {
        ["StandardNormal"] = ((ref d) => Draw.StandardNormal(ref d), x => Normal.CDF(0, 1, x)),
        ["Normal(0, 1)"] = ((ref d) => Draw.Normal(ref d, 0, 1), x => Normal.CDF(0, 1, x)),
        ["Normal(-3.5, 0.01)"] = ((ref d) => Draw.Normal(ref d, -3.5, 0.01), x => Normal.CDF(-3.5, 0.01, x)),
        ["Normal(1e6, 250)"] = ((ref d) => Draw.Normal(ref d, 1e6, 250), x => Normal.CDF(1e6, 250, x)),
        ["Normal(0, 1e-300)"] = ((ref d) => Draw.Normal(ref d, 0, 1e-300), x => Normal.CDF(0, 1, x / 1e-300)),
        ["LogNormal(0, 1)"] = ((ref d) => Draw.LogNormal(ref d, 0, 1), x => LogNormal.CDF(0, 1, x)),
        ["LogNormal(2, 0.25)"] = ((ref d) => Draw.LogNormal(ref d, 2, 0.25), x => LogNormal.CDF(2, 0.25, x)),
        ["LogNormal(-5, 3)"] = ((ref d) => Draw.LogNormal(ref d, -5, 3), x => LogNormal.CDF(-5, 3, x)),
        ["LogNormal(0, 0.001)"] = ((ref d) => Draw.LogNormal(ref d, 0, 0.001), x => LogNormal.CDF(0, 0.001, x)),
        ["LogNormal(700, 1)"] = ((ref d) => Draw.LogNormal(ref d, 700, 1), x => Normal.CDF(700, 1, Math.Log(x))),
        ["Uniform(0, 1)"] = ((ref d) => Draw.Uniform(ref d, 0, 1), x => ContinuousUniform.CDF(0, 1, x)),
        ["Uniform(-5, 12)"] = ((ref d) => Draw.Uniform(ref d, -5, 12), x => ContinuousUniform.CDF(-5, 12, x)),
        ["Uniform(1e9, 1e9 + 1)"] = ((ref d) => Draw.Uniform(ref d, 1e9, 1e9 + 1), x => ContinuousUniform.CDF(1e9, 1e9 + 1, x)),
        ["Uniform(-1e300, 1e300)"] = ((ref d) => Draw.Uniform(ref d, -1e300, 1e300), x => 0.5 + (0.5 * (x / 1e300))),
        ["Exponential(1)"] = ((ref d) => Draw.Exponential(ref d, 1), x => Exponential.CDF(1, x)),
        ["Exponential(0.001)"] = ((ref d) => Draw.Exponential(ref d, 0.001), x => Exponential.CDF(0.001, x)),
        ["Exponential(1e6)"] = ((ref d) => Draw.Exponential(ref d, 1e6), x => Exponential.CDF(1e6, x)),
        ["Weibull(0.5, 1)"] = ((ref d) => Draw.Weibull(ref d, 0.5, 1), x => Weibull.CDF(0.5, 1, x)),
        ["Weibull(1.5, 2)"] = ((ref d) => Draw.Weibull(ref d, 1.5, 2), x => Weibull.CDF(1.5, 2, x)),
        ["Weibull(5, 0.1)"] = ((ref d) => Draw.Weibull(ref d, 5, 0.1), x => Weibull.CDF(5, 0.1, x)),
        ["Weibull(0.1, 1)"] = ((ref d) => Draw.Weibull(ref d, 0.1, 1), x => Weibull.CDF(0.1, 1, x)),
        ["Weibull(50, 3)"] = ((ref d) => Draw.Weibull(ref d, 50, 3), x => Weibull.CDF(50, 3, x)),
        ["TruncatedNormal(0, 1, -1, 2)"] = TruncatedNormal(0, 1, -1, 2),
        ["TruncatedNormal(100, 15, 60, 200)"] = TruncatedNormal(100, 15, 60, 200),
        ["TruncatedNormal(0, 1, 0, inf)"] = TruncatedNormal(0, 1, 0, double.PositiveInfinity),
        ["TruncatedNormal(5, 2, 7, inf)"] = TruncatedNormal(5, 2, 7, double.PositiveInfinity),
        ["TruncatedNormal(10, 3, -inf, 4)"] = TruncatedNormal(10, 3, double.NegativeInfinity, 4),
        ["TruncatedNormal(0, 1, -3, -2.5)"] = TruncatedNormal(0, 1, -3, -2.5),
        ["TruncatedNormal(0, 1, -0.001, 0.001)"] = TruncatedNormal(0, 1, -0.001, 0.001),
        ["TruncatedNormal(0, 1, 8, 9)"] = TruncatedNormal(0, 1, 8, 9),
        ["TruncatedNormal(0, 1, 29.9, 30.1)"] = TruncatedNormal(0, 1, 29.9, 30.1),
        ["TruncatedNormal(0, 1, 30.5, 31)"] = TruncatedNormal(0, 1, 30.5, 31),
        ["TruncatedNormal(0, 1, 40, 41)"] = TruncatedNormal(0, 1, 40, 41),
        ["TruncatedNormal(0, 1, -inf, -38)"] = TruncatedNormal(0, 1, double.NegativeInfinity, -38),
        ["TruncatedNormal(0, 1, 1000, inf)"] = TruncatedNormal(0, 1, 1000, double.PositiveInfinity),
        ["Gamma(1, 1)"] = Gamma(1, 1),
        ["Gamma(0.5, 2)"] = Gamma(0.5, 2),
        ["Gamma(2, 1)"] = Gamma(2, 1),
        ["Gamma(0.05, 1)"] = Gamma(0.05, 1),
        ["Gamma(0.999, 1)"] = Gamma(0.999, 1),
        ["Gamma(1.001, 1)"] = Gamma(1.001, 1),
        ["Gamma(3.7, 1e-4)"] = Gamma(3.7, 1e-4),
        ["Gamma(100, 3)"] = Gamma(100, 3),
        ["Gamma(2000, 2000)"] = Gamma(2000, 2000),
        ["ln Gamma(0.001)"] = LogOfStandardGamma(0.001),
        ["ln Gamma(0.01)"] = LogOfStandardGamma(0.01),
        ["Beta(1, 1)"] = Beta(1, 1),
        ["Beta(0.5, 0.5)"] = Beta(0.5, 0.5),
        ["Beta(2, 5)"] = Beta(2, 5),
        ["Beta(1, 3)"] = Beta(1, 3),
        ["Beta(3, 0.2)"] = Beta(3, 0.2),
        ["Beta(0.01, 5)"] = Beta(0.01, 5),
        ["Beta(0.2, 0.2)"] = Beta(0.2, 0.2),
        ["Beta(200, 600)"] = Beta(200, 600),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Should_PassKolmogorovSmirnov_When_ComparedWithTheExactDistribution(string name)
    {
        // Given
        var (sample, cdf) = Cases[name];

        // When
        var values = Samples.Continuous(name, Rows, sample);

        // Then
        var d = KolmogorovSmirnov.Statistic(values, cdf);
        var p = KolmogorovSmirnov.PValue(d, Rows);
        Assert.True(p > Alpha, $"{name}: D = {d:G4}, p = {p:G3} on {Rows} draws");
    }

    [Theory]
    [InlineData(0.03, 1.0)]
    [InlineData(0.0, 1.06)]
    public void Should_DetectASmallError_When_UsingTheSameTest(double mean, double sd)
    {
        // Given: draws from N(mean, sd^2), tested as if they were N(0, 1): shows the test's power
        // (a shift of 0.03 sd, or an sd 6% too large)
        var values = Samples.Continuous("power", Rows, (ref d) => Draw.Normal(ref d, mean, sd));

        // When
        var p = KolmogorovSmirnov.PValue(values, x => Normal.CDF(0, 1, x));

        // Then
        Assert.True(p < Alpha, $"p = {p:G3}: the test did not notice N({mean}, {sd}^2)");
    }

    private static (ContinuousSampler, Func<double, double>) TruncatedNormal(double mean, double sd, double lo, double hi) =>
        ((ref d) => Draw.TruncatedNormal(ref d, mean, sd, lo, hi), x => TruncatedNormalReference.Cdf(mean, sd, lo, hi, x));

    private static (ContinuousSampler, Func<double, double>) Gamma(double shape, double rate) =>
        ((ref d) => Draw.Gamma(ref d, shape, rate), x => ReferenceCdf.Gamma(shape, rate * x));

    private static (ContinuousSampler, Func<double, double>) Beta(double a, double b) =>
        ((ref d) => Draw.Beta(ref d, a, b), x => ReferenceCdf.Beta(a, b, x));

    /// <summary>The logarithm of a rate-1 gamma with a tiny shape (whose values underflow as doubles).</summary>
    private static (ContinuousSampler, Func<double, double>) LogOfStandardGamma(double shape) =>
        ((ref d) => Draw.LogStandardGamma(ref d, shape), y => ReferenceCdf.GammaOfLog(shape, y));
}
