using System.Globalization;
using DagSynth.Distributions;
using MathNet.Numerics.Distributions;

namespace DagSynth.Tests.Distributions;

/// <summary>Means and variances against Math.NET, and the truncated normal against 60-digit quadrature.</summary>
[Trait("Category", "Unit")]
public sealed class MomentsTests
{
    [Fact]
    public void Should_MatchMathNet_When_TheDistributionIsNotTruncated()
    {
        Check(Moments.Normal(3, 2), new Normal(3, 2));
        Check(Moments.LogNormal(0.5, 0.8), new LogNormal(0.5, 0.8));
        Check(Moments.Uniform(-5, 12), new ContinuousUniform(-5, 12));
        Check(Moments.Exponential(0.25), new Exponential(0.25));
        Check(Moments.Weibull(1.5, 2), new Weibull(1.5, 2));
        Check(Moments.Weibull(0.3, 10), new Weibull(0.3, 10));
        Check(Moments.Gamma(0.5, 2), new Gamma(0.5, 2));
        Check(Moments.Gamma(1e6, 3), new Gamma(1e6, 3));
        Check(Moments.Beta(2, 5), new Beta(2, 5));
        Check(Moments.Beta(0.01, 300), new Beta(0.01, 300));
        Check(Moments.Poisson(3.3), new Poisson(3.3));
        Check(Moments.NegativeBinomial(5, 0.5), new NegativeBinomial(0.5, 0.5 / (0.5 + 5)));
        Check(Moments.NegativeBinomial(200, 1e4), new NegativeBinomial(1e4, 1e4 / (1e4 + 200)));
        Check(Moments.Binomial(1000, 0.3), new Binomial(0.3, 1000));

        static void Check(Moments actual, IUnivariateDistribution expected)
        {
            Accuracy.Relative(expected.Mean, actual.Mean, 1e-13, $"mean of {expected}");
            Accuracy.Relative(expected.Variance, actual.Variance, 1e-12, $"variance of {expected}");
            Accuracy.Relative(expected.StdDev, actual.StandardDeviation, 1e-12, $"sd of {expected}");
        }
    }

    [Fact]
    public void Should_KeepFullPrecision_When_TheLogNormalIsNarrow()
    {
        // mpmath: expm1(1e-8) * exp(-6 + 1e-8) and exp(-3 + 0.5e-8). Math.NET's exp(s^2) - 1 loses half the digits here.
        var moments = Moments.LogNormal(-3, 1e-4);
        Accuracy.Relative(0.049787068616799285441, moments.Mean, 1e-15, "mean");
        Accuracy.Relative(2.4787522138476414141e-11, moments.Variance, 1e-14, "variance");
    }

    [Fact]
    public void Should_AvoidSpuriousOverflow_When_TheParametersAreHuge()
    {
        Assert.Equal(new Moments(0, double.PositiveInfinity), Moments.Uniform(-1e300, 1e300));
        Assert.Equal(1.5e300, Moments.Uniform(1e300, 2e300).Mean);
        Assert.True(double.IsFinite(Moments.Beta(1e200, 1e200).Variance));
        Assert.Equal(0.5, Moments.Beta(1e200, 1e200).Mean);
        Assert.Equal(double.PositiveInfinity, Moments.LogNormal(800, 1).Mean);
    }

    /// <summary>
    /// Standardized truncated-normal moments by 60-digit mpmath quadrature of the density
    /// (mpmath 1.3.0, <c>quad</c> in a shifted variable), for the usual and the pathological cases.
    /// </summary>
    [Theory]
    [InlineData("-1", "2", 0.22963717909132896862, 0.51976253921153393591)]
    [InlineData("0", "Infinity", 0.79788456080286535588, 0.36338022763241865692)]
    [InlineData("-0.5", "Infinity", 0.50916043383703348583, 0.48617543569636710323)]
    [InlineData("-Infinity", "0.3", -0.61722085361273445015, 0.43387216178174710246)]
    [InlineData("-3", "-2.5", -2.6948722621772863258, 0.018870830429212977065)]
    [InlineData("8", "9", 8.1211889929797971226, 0.014148542782748111039)]
    [InlineData("29.9", "30.1", 29.932877276947560711, 0.0010123927947295827966)]
    [InlineData("37", "38", 37.026987686126990046, 0.00072727809887746302069)]
    [InlineData("40", "41", 40.024968847207263721, 0.00062266837859138626264)]
    [InlineData("-41", "-40", -40.024968847207263721, 0.00062266837859138626264)]
    [InlineData("50", "Infinity", 50.019984031905639809, 0.00039904318680389954791)]
    [InlineData("1000", "Infinity", 1000.00099999800001, 9.9999400004999948201e-7)]
    [InlineData("-Infinity", "-38", -38.026279466575868988, 0.00068965975346625886897)]
    [InlineData("-1e-10", "1e-10", 0.0, 3.3333333333333335762e-21)]
    [InlineData("1", "1.0000000001", 1.0000000000500000041, 8.3333347123395737012e-22)]
    [InlineData("5", "5.001", 5.0004995832918543867, 8.3333226368223509798e-8)]
    public void Should_MatchHighPrecisionQuadrature_When_TheIntervalIsNarrowOrFarInATail(string lo, string hi, double mean, double variance)
    {
        // Given: N(10, 2^2) truncated to 10 + 2 [lo, hi]
        var a = double.Parse(lo, CultureInfo.InvariantCulture);
        var b = double.Parse(hi, CultureInfo.InvariantCulture);

        // When
        var standard = Moments.TruncatedNormal(0, 1, a, b);
        var scaled = Moments.TruncatedNormal(10, 2, 10 + (2 * a), 10 + (2 * b));

        // Then: the mean to 1e-13 of its spread, the variance to 1e-12 relative
        var spread = Math.Sqrt(variance);
        Assert.True(Math.Abs(standard.Mean - mean) <= 1e-13 * (spread + Math.Abs(mean)), $"mean {standard.Mean:R}, expected {mean:R}");
        Accuracy.Relative(variance, standard.Variance, 1e-12, $"variance on [{lo}, {hi}]");
        Assert.True(Math.Abs(scaled.Mean - (10 + (2 * mean))) <= 1e-12 * (spread + Math.Abs(10 + (2 * mean))), $"scaled mean {scaled.Mean:R}");
        if (b - a > 1e-6)
        {
            Accuracy.Relative(4 * variance, scaled.Variance, 1e-11, $"scaled variance on [{lo}, {hi}]");
        }
    }

    [Fact]
    public void Should_MatchTheClosedForm_When_ThatIsWellConditioned()
    {
        // Given: intervals within 4 sd of the mean, at least 1/2 sd wide, where the textbook formulas
        // (Johnson, Kotz and Balakrishnan, 1994, eq. 13.134-13.135) lose few digits when the mass Z
        // is taken from the upper tails for an interval right of the mean
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var a = (random.NextDouble() * 7.5) - 4;
            var b = a + 0.5 + (random.NextDouble() * (3.5 - a));
            var z = a > 0 ? Normal.CDF(0, 1, -a) - Normal.CDF(0, 1, -b) : Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a);
            var pa = Normal.PDF(0, 1, a);
            var pb = Normal.PDF(0, 1, b);
            var mean = (pa - pb) / z;
            var second = ((a * pa) - (b * pb)) / z;
            var variance = 1 + second - (mean * mean);
            var cancellation = (1 + Math.Abs(second) + (mean * mean)) / variance; // digits the closed form loses

            // When
            var actual = Moments.TruncatedNormal(0, 1, a, b);

            // Then
            Assert.True(Math.Abs(mean - actual.Mean) <= 1e-12, $"mean on [{a:R}, {b:R}]: {actual.Mean:R}, closed form {mean:R}");
            Accuracy.Relative(variance, actual.Variance, Math.Max(1e-13, 1e-14 * cancellation), $"variance on [{a}, {b}]");
        }
    }

    [Fact]
    public void Should_BeThePlainNormal_When_NotTruncated()
    {
        Assert.Equal(Moments.Normal(3, 2), Moments.TruncatedNormal(3, 2, double.NegativeInfinity, double.PositiveInfinity));
    }
}
