using DagSynth.Distributions;
using MathNet.Numerics.Distributions;
using MathNetFunctions = MathNet.Numerics.SpecialFunctions;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Special functions against Math.NET Numerics over wide grids (whose own error, up to about 2e-13
/// in the far normal tail and 1.2e-14 in ln Gamma, sets the tolerances there), and against 60-digit
/// values from mpmath 1.3.0 at the same double arguments, which show the true accuracy.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SpecialFunctionsTests
{
    public sealed class TheNormalCdfMethod
    {
        [Fact]
        public void Should_MatchMathNet_When_EvaluatedFromTheFarLowerTailToTheUpper()
        {
            for (var i = -3750; i <= 830; i++)
            {
                var x = i / 100.0;
                var tolerance = Math.Abs(x) <= 3 ? 1e-14 : 1e-12;
                Accuracy.Relative(Normal.CDF(0, 1, x), SpecialFunctions.NormalCdf(x), tolerance, $"Phi({x})");
            }
        }

        [Theory]
        [InlineData(-37.5, 4.6053530095819548438e-308)]
        [InlineData(-30, 4.9067139271481870595e-198)]
        [InlineData(-20, 2.7536241186062336951e-89)]
        [InlineData(-10, 7.619853024160526066e-24)]
        [InlineData(-8.25, 7.919726314642477341e-17)]
        [InlineData(-5.6, 1.0717590258310907355e-8)]
        [InlineData(-3, 0.0013498980316300945267)]
        [InlineData(-1.5, 0.066807201268858066004)]
        [InlineData(-0.67, 0.25142889509531011429)]
        [InlineData(-0.1, 0.46017216272297101853)]
        [InlineData(1e-20, 0.5)]
        [InlineData(0.3, 0.61791142218895263731)]
        [InlineData(0.67449, 0.75000007938182629918)]
        [InlineData(1.7, 0.95543453724145696051)]
        [InlineData(5.6, 0.99999998928240974169)]
        [InlineData(8.2, 0.99999999999999987981)]
        public void Should_HaveFullRelativePrecision_When_ComparedWithMpmath(double x, double expected)
        {
            Accuracy.Relative(expected, SpecialFunctions.NormalCdf(x), 4e-15, $"Phi({x})");
        }

        [Fact]
        public void Should_ReturnTheLimits_When_GivenInfinitiesOrNaN()
        {
            Assert.Equal(0.0, SpecialFunctions.NormalCdf(double.NegativeInfinity));
            Assert.Equal(1.0, SpecialFunctions.NormalCdf(double.PositiveInfinity));
            Assert.Equal(0.0, SpecialFunctions.NormalCdf(-40));
            Assert.Equal(0.5, SpecialFunctions.NormalCdf(0));
            Assert.True(double.IsNaN(SpecialFunctions.NormalCdf(double.NaN)));
        }

        [Fact]
        public void Should_BeSymmetric_When_ReflectedAboutZero()
        {
            for (var i = 0; i <= 3000; i++)
            {
                var x = i / 100.0;
                Assert.Equal(SpecialFunctions.NormalCdf(-x), 1 - SpecialFunctions.NormalCdf(x), 1e-16);
            }
        }
    }

    public sealed class TheNormalDensityMethod
    {
        [Fact]
        public void Should_MatchMathNet_When_EvaluatedOverAWideGrid()
        {
            for (var i = -3800; i <= 3800; i += 7)
            {
                // Math.NET rounds x^2 before exponentiating: its relative error grows like x^2 eps.
                var x = i / 100.0;
                Accuracy.Relative(Normal.PDF(0, 1, x), SpecialFunctions.NormalDensity(x), Math.Abs(x) <= 10 ? 5e-14 : 5e-13, $"phi({x})");
            }

            Assert.Equal(0.0, SpecialFunctions.NormalDensity(double.PositiveInfinity));
        }

        [Theory]
        [InlineData(-37.58, 8.5768791247891560903e-308)]
        [InlineData(-20, 5.5209483621597631896e-88)]
        [InlineData(-5, 1.4867195147342977079e-6)]
        [InlineData(0, 0.39894228040143267794)]
        [InlineData(0.3, 0.38138781546052408688)]
        [InlineData(8, 5.052271083536892288e-15)]
        public void Should_HaveFullRelativePrecision_When_ComparedWithMpmath(double x, double expected)
        {
            Accuracy.Relative(expected, SpecialFunctions.NormalDensity(x), 2e-15, $"phi({x})");
        }
    }

    public sealed class TheNormalQuantileMethod
    {
        [Fact]
        public void Should_MatchMathNet_When_EvaluatedFromTenToTheMinus300ToTheUpperTail()
        {
            for (var e = 1; e <= 3000; e++)
            {
                var p = Math.Pow(10, -e / 10.0);
                Check(p);
                if (p > 1e-16)
                {
                    Check(1 - p);
                }
            }

            for (var i = 1; i < 1000; i++)
            {
                Check(i / 1000.0);
            }

            static void Check(double p)
            {
                var central = p is >= 0.075 and <= 0.925;
                var expected = Normal.InvCDF(0, 1, p);
                var error = Math.Abs(SpecialFunctions.NormalQuantile(p) - expected);
                var tolerance = central ? (1e-14 * Math.Abs(expected)) + 1e-16 : 1e-12 * Math.Abs(expected);
                Assert.True(error <= tolerance, $"quantile({p:R}): expected {expected:R}, error {error:G3}");
            }
        }

        [Theory]
        [InlineData(1e-300, -37.047096299361199237)]
        [InlineData(1e-200, -30.205594179579643063)]
        [InlineData(1e-100, -21.273453560965324294)]
        [InlineData(1e-50, -14.933337534788488981)]
        [InlineData(1e-20, -9.2623400897984075796)]
        [InlineData(1.3e-11, -6.6676114565107408347)]
        [InlineData(1e-5, -4.2648907939228246102)]
        [InlineData(0.025, -1.9599639845400542118)]
        [InlineData(0.075, -1.4395314709384559349)]
        [InlineData(0.2, -0.84162123357291416552)]
        [InlineData(0.6, 0.25334710313579974132)]
        [InlineData(0.925, 1.4395314709384562291)]
        [InlineData(0.975, 1.9599639845400538556)]
        [InlineData(0.99999, 4.2648907939238407699)]
        public void Should_HaveFullRelativePrecision_When_ComparedWithMpmath(double p, double expected)
        {
            Accuracy.Relative(expected, SpecialFunctions.NormalQuantile(p), 1e-15, $"quantile({p})");
        }

        [Fact]
        public void Should_ReturnInfinities_When_AtZeroOrOne()
        {
            Assert.Equal(double.NegativeInfinity, SpecialFunctions.NormalQuantile(0));
            Assert.Equal(double.PositiveInfinity, SpecialFunctions.NormalQuantile(1));
            Assert.Equal(0.0, SpecialFunctions.NormalQuantile(0.5));
            Assert.True(double.IsNaN(SpecialFunctions.NormalQuantile(-0.1)));
            Assert.True(double.IsNaN(SpecialFunctions.NormalQuantile(1.1)));
            Assert.True(double.IsNaN(SpecialFunctions.NormalQuantile(double.NaN)));
        }

        [Fact]
        public void Should_InvertTheCdf_When_RoundTripped()
        {
            // Up to x = 1/2: above, Phi(x) near 1 keeps too few digits to invert (by symmetry the
            // lower tail covers it).
            for (var i = -3700; i <= 50; i++)
            {
                var x = i / 100.0;
                Accuracy.Mixed(x, SpecialFunctions.NormalQuantile(SpecialFunctions.NormalCdf(x)), 1e-13, $"quantile(Phi({x}))");
            }
        }
    }

    public sealed class TheLogGammaMethod
    {
        [Fact]
        public void Should_MatchMathNet_When_EvaluatedFromTinyToHugeArguments()
        {
            for (var e = -3000; e <= 3000; e += 3)
            {
                var x = Math.Pow(10, e / 10.0);
                Accuracy.Mixed(MathNetFunctions.GammaLn(x), SpecialFunctions.LogGamma(x), 5e-14, $"lgamma({x:R})");
            }

            for (var i = 1; i <= 3000; i++)
            {
                var x = i / 100.0;
                Accuracy.Mixed(MathNetFunctions.GammaLn(x), SpecialFunctions.LogGamma(x), 5e-14, $"lgamma({x:R})");
            }
        }

        [Theory]
        [InlineData(1e-300, 690.77552789821370518)]
        [InlineData(1e-10, 23.025850929882735237)]
        [InlineData(0.001, 6.9071788853838536617)]
        [InlineData(0.5, 0.57236494292470008707)]
        [InlineData(0.99, 0.0058548067647097814532)]
        [InlineData(1.0, 0.0)]
        [InlineData(1.25, -0.098271836421813161464)]
        [InlineData(1.5, -0.12078223763524522235)]
        [InlineData(1.999, -0.00042246180069210728418)]
        [InlineData(2.0, 0.0)]
        [InlineData(2.5, 0.28468287047291915963)]
        [InlineData(3.7, 1.4280723266653881292)]
        [InlineData(9.99, 12.77931521435019336)]
        [InlineData(10, 12.801827480081469611)]
        [InlineData(25.5, 56.389167643719946744)]
        [InlineData(171.3, 708.11494703899688273)]
        [InlineData(1000, 5905.2204232091812118)]
        [InlineData(1e6, 12815504.56914761166)]
        [InlineData(1e15, 33538776394910668.91)]
        [InlineData(1e300, 6.8977552789821374147e+302)]
        public void Should_BeAccurate_When_ComparedWithMpmath(double x, double expected)
        {
            // Absolute 4e-15 near the zeros at 1 and 2, relative 4e-15 elsewhere.
            Accuracy.Mixed(expected, SpecialFunctions.LogGamma(x), 4e-15, $"lgamma({x})");
        }

        [Fact]
        public void Should_ReturnInfinityOrNaN_When_OutsideTheDomain()
        {
            Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(0));
            Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(double.PositiveInfinity));
            Assert.True(double.IsNaN(SpecialFunctions.LogGamma(-1)));
            Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NaN)));
        }

        [Fact]
        public void Should_GiveLogFactorials_When_CalledWithCounts()
        {
            Assert.Equal(0.0, SpecialFunctions.LogFactorial(0));
            Assert.Equal(0.0, SpecialFunctions.LogFactorial(1));
            Assert.True(double.IsNaN(SpecialFunctions.LogFactorial(-1)));
            for (var n = 2; n <= 170; n++)
            {
                Accuracy.Relative(MathNetFunctions.FactorialLn(n), SpecialFunctions.LogFactorial(n), 1e-14, $"ln {n}!");
            }
        }
    }

    public sealed class TheMillsRatioMethod
    {
        [Theory]
        [InlineData(0, 1.2533141373155002512)]
        [InlineData(0.5, 0.87636445645369234673)]
        [InlineData(0.6745, 0.78671145923562352619)]
        [InlineData(2, 0.42136922928805447322)]
        [InlineData(5.6, 0.17335028501302024737)]
        [InlineData(5.7, 0.17047376074592785302)]
        [InlineData(10, 0.099028596471731921395)]
        [InlineData(40, 0.024984404205720571147)]
        [InlineData(100, 0.0099990002998501049056)]
        [InlineData(1e4, 0.00009999999900000003)]
        [InlineData(1e10, 9.9999999999999999999e-11)]
        public void Should_MatchMpmath_When_EvenWhereTheTailUnderflows(double x, double expected)
        {
            Accuracy.Relative(expected, SpecialFunctions.MillsRatio(x), 2e-15, $"R({x})");
        }
    }

    public sealed class TheCountProbabilityMethods
    {
        [Fact]
        public void Should_MatchMathNet_When_CountsAreModerate()
        {
            foreach (var mean in new[] { 0.01, 0.7, 3.5, 9.99, 10, 47.3, 1000, 12345.6 })
            {
                for (var k = 0; k <= (mean * 3) + 30; k += 1 + (int)(mean / 50))
                {
                    var expected = Poisson.PMFLn(mean, k);
                    var scale = 1 + mean + (k * Math.Abs(Math.Log(mean)));
                    Assert.True(Math.Abs(SpecialFunctions.LogPoissonProbability(k, mean) - expected) <= 1e-14 * scale, $"ln P(Poisson({mean}) = {k})");
                }
            }

            foreach (var (n, p) in new[] { (1, 0.3), (10, 0.5), (57, 0.01), (200, 0.73), (5000, 0.2), (10_000, 0.999) })
            {
                for (var k = 0; k <= n; k += 1 + (n / 300))
                {
                    var expected = Binomial.PMFLn(p, n, k);
                    var scale = 1 + (n * 10.0);
                    Assert.True(Math.Abs(SpecialFunctions.LogBinomialProbability(k, n, p) - expected) <= 1e-14 * scale, $"ln P(Binomial({n}, {p}) = {k})");
                }
            }
        }

        [Theory]
        [InlineData(0L, 3.5, -3.5)]
        [InlineData(1L, 3.5, -2.2472370315046320043)]
        [InlineData(7L, 3.5, -3.2558205815978383303)]
        [InlineData(40L, 3.5, -63.710120974942675602)]
        [InlineData(1000L, 1000, -4.3728995060262968242)]
        [InlineData(950L, 1000, -5.618627576623964998)]
        [InlineData(1_000_000L, 1_002_500, -10.946495308321162895)]
        [InlineData(1_000_000_000_000L, 1e12, -14.734449091169030179)]
        [InlineData(1_000_003_000_000L, 1e12, -19.234446091173530171)]
        [InlineData(1_000_000_100_000_000L, 1e15, -23.188326613993354622)]
        public void Should_MatchMpmath_When_ComputingPoissonLogProbabilities(long k, double mean, double expected)
        {
            // The textbook k ln(mean) - mean - ln k! would lose every digit at mean = 1e15.
            Assert.Equal(expected, SpecialFunctions.LogPoissonProbability(k, mean), 1e-13);
        }

        [Theory]
        [InlineData(0L, 10L, 0.3, -3.5667494393873236305)]
        [InlineData(3L, 10L, 0.3, -1.321151277766888636)]
        [InlineData(10L, 10L, 0.3, -12.039728043259360296)]
        [InlineData(0L, 1000L, 1e-5, -0.010000050000333336651)]
        [InlineData(500_000L, 1_000_000L, 0.5, -7.1335468816268644844)]
        [InlineData(499_000L, 1_000_000L, 0.5, -9.1335462149596644836)]
        [InlineData(200_000_000_000L, 1_000_000_000_000L, 0.2, -13.818158359295229281)]
        [InlineData(200_000_200_000L, 1_000_000_000_000L, 0.2, -13.943158703031102795)]
        [InlineData(5L, 1_000_000_000_000_000L, 3e-15, -2.2944302994414971448)]
        [InlineData(999L, 1000L, 0.999, -0.99949983324994996664)]
        public void Should_MatchMpmath_When_ComputingBinomialLogProbabilities(long k, long n, double p, double expected)
        {
            // The log-probability moves by (k - np) / (p q) per unit of p, so rounding 1 - p to a double
            // (or p itself, upstream) moves it by about eps |k - np| / min(p, q): 1.4e-11 for the
            // n = 1e12 case. That is the conditioning of the question, not an error of the method.
            var conditioning = 2.3e-16 * Math.Abs(k - (n * p)) / Math.Min(p, 1 - p);
            Assert.Equal(expected, SpecialFunctions.LogBinomialProbability(k, n, p), 1e-13 + conditioning);
        }

        [Fact]
        public void Should_ReturnMinusInfinityOrNaN_When_TheCountIsImpossibleOrTheParametersInvalid()
        {
            Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogPoissonProbability(-1, 2));
            Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogPoissonProbability(3, 0));
            Assert.Equal(0.0, SpecialFunctions.LogPoissonProbability(0, 0));
            Assert.True(double.IsNaN(SpecialFunctions.LogPoissonProbability(1, -2)));
            Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogBinomialProbability(11, 10, 0.5));
            Assert.Equal(double.NegativeInfinity, SpecialFunctions.LogBinomialProbability(1, 10, 0));
            Assert.Equal(0.0, SpecialFunctions.LogBinomialProbability(10, 10, 1));
            Assert.True(double.IsNaN(SpecialFunctions.LogBinomialProbability(1, 10, 1.5)));
        }
    }
}
