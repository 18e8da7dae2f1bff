using System.Collections.Immutable;
using DagSynth.Distributions;
using DagSynth.Randomness;
using FsCheck;
using FsCheck.Fluent;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Properties of every sampler over random valid parameters, including extreme ones (scales from
/// 1e-300 to 1e300, shapes from 1e-3 to 1e12, truncation 50 standard deviations out, means to 1e15):
/// never NaN or infinite, never outside the support, a bounded number of words, deterministic, and
/// for the inversion samplers non-decreasing in the uniform.
/// </summary>
[Trait("Category", "Property")]
public sealed class DrawPropertyTests
{
    /// <summary>A distribution family: random valid parameters, a sampler, and its support.</summary>
    private sealed record Family(
        Func<Random, double[]> Parameters,
        Func<double[], ImmutableArray<ParameterError>> Check,
        Func<double[], ContinuousSampler> Sampler,
        Func<double[], double, bool> InSupport,
        bool Inversion);

    private static readonly Dictionary<string, Family> Families = new()
    {
        ["Normal"] = new(
            r => [Signed(r) * LogUniform(r, -6, 306), LogUniform(r, -306, 306)],
            p => DistributionParameters.CheckNormal(p[0], p[1]),
            p => (ref d) => Draw.Normal(ref d, p[0], p[1]),
            (_, x) => double.IsFinite(x),
            Inversion: true),
        ["LogNormal"] = new(
            r => [Signed(r) * LogUniform(r, -3, 3), LogUniform(r, -6, 2)],
            p => DistributionParameters.CheckLogNormal(p[0], p[1]),
            p => (ref d) => Draw.LogNormal(ref d, p[0], p[1]),
            (_, x) => double.IsFinite(x) && x >= 0,
            Inversion: true),
        ["Uniform"] = new(
            r =>
            {
                var lo = Signed(r) * LogUniform(r, -6, 300);
                return [lo, lo + LogUniform(r, Math.Log10(Math.Abs(lo) + 1e-300) - 12, 300)];
            },
            p => DistributionParameters.CheckUniform(p[0], p[1]),
            p => (ref d) => Draw.Uniform(ref d, p[0], p[1]),
            (p, x) => x >= p[0] && x <= p[1],
            Inversion: true),
        ["Exponential"] = new(
            r => [LogUniform(r, -300, 300)],
            p => DistributionParameters.CheckExponential(p[0]),
            p => (ref d) => Draw.Exponential(ref d, p[0]),
            (_, x) => double.IsFinite(x) && x >= 0,
            Inversion: true),
        ["Weibull"] = new(
            r => [LogUniform(r, -2, 3), LogUniform(r, -300, 300)],
            p => DistributionParameters.CheckWeibull(p[0], p[1]),
            p => (ref d) => Draw.Weibull(ref d, p[0], p[1]),
            (_, x) => double.IsFinite(x) && x >= 0,
            Inversion: true),
        ["TruncatedNormal"] = new(
            r =>
            {
                var mean = Signed(r) * LogUniform(r, -3, 6);
                var sd = LogUniform(r, -3, 3);
                var a = r.NextDouble() < 0.1 ? double.NegativeInfinity : (r.NextDouble() * 100) - 50;
                var b = r.NextDouble() < 0.1 ? double.PositiveInfinity : (double.IsInfinity(a) ? (r.NextDouble() * 100) - 50 : a + LogUniform(r, -6, 2));
                return [mean, sd, mean + (sd * a), mean + (sd * b)];
            },
            p => DistributionParameters.CheckTruncatedNormal(p[0], p[1], p[2], p[3]),
            p => (ref d) => Draw.TruncatedNormal(ref d, p[0], p[1], p[2], p[3]),
            (p, x) => double.IsFinite(x) && x >= p[2] && x <= p[3],
            Inversion: true),
        ["Gamma"] = new(
            r => [LogUniform(r, -3, 12), LogUniform(r, -100, 100)],
            p => DistributionParameters.CheckGamma(p[0], p[1]),
            p => (ref d) => Draw.Gamma(ref d, p[0], p[1]),
            (_, x) => double.IsFinite(x) && x >= 0,
            Inversion: false),
        ["Beta"] = new(
            r => [LogUniform(r, -3, 6), LogUniform(r, -3, 6)],
            p => DistributionParameters.CheckBeta(p[0], p[1]),
            p => (ref d) => Draw.Beta(ref d, p[0], p[1]),
            (_, x) => x >= 0 && x <= 1,
            Inversion: false),
        ["Poisson"] = new(
            r => [r.NextDouble() < 0.05 ? 0 : LogUniform(r, -10, 15)],
            p => DistributionParameters.CheckPoisson(p[0]),
            p => (ref d) => Draw.Poisson(ref d, p[0]),
            (_, x) => x >= 0,
            Inversion: false),
        ["NegativeBinomial"] = new(
            r => [r.NextDouble() < 0.05 ? 0 : LogUniform(r, -5, 12), LogUniform(r, -3, 8)],
            p => DistributionParameters.CheckNegativeBinomial(p[0], p[1]),
            p => (ref d) => Draw.NegativeBinomial(ref d, p[0], p[1]),
            (_, x) => x >= 0,
            Inversion: false),
        ["Binomial"] = new(
            r => [Math.Floor(LogUniform(r, 0, 15)) - (r.NextDouble() < 0.05 ? 1 : 0), r.NextDouble() switch { < 0.05 => 0, < 0.1 => 1, < 0.4 => LogUniform(r, -15, 0), var u => u }],
            p => DistributionParameters.CheckBinomial((long)p[0], p[1]),
            p => (ref d) => Draw.Binomial(ref d, (long)p[0], p[1]),
            (p, x) => x >= 0 && x <= p[0],
            Inversion: false),
    };

    public static TheoryData<string> FamilyNames => [.. Families.Keys];

    private static Config Runs(int count) => Config.QuickThrowOnFailure.WithMaxTest(count);

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Should_StayInTheSupportWithBoundedWords_When_ParametersAreRandomAndValid(string name)
    {
        var family = Families[name];
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            // Given: random valid parameters and a random cell stream
            var random = new Random(seed);
            var parameters = family.Parameters(random);
            Assert.Empty(family.Check(parameters));
            var sampler = family.Sampler(parameters);
            var key = (ulong)random.NextInt64();
            for (var row = 0; row < 20; row++)
            {
                // When
                var before = new CellDraws(key, row);
                var draws = before;
                var value = sampler(ref draws);

                // Then
                var words = Samples.WordsUsed(before, draws);
                Assert.True(family.InSupport(parameters, value), $"{name}({string.Join(", ", parameters)}) gave {value:R}");
                Assert.True(family.Inversion ? words == 1 : words is >= 0 and <= (4 * Draw.MaxAttempts) + 2, $"{name}({string.Join(", ", parameters)}) read {words} words");
            }

            return true;
        }).Check(Runs(300));
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Should_GiveTheSameValue_When_TheSameCellIsDrawnAgain(string name)
    {
        var family = Families[name];
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new Random(seed);
            var sampler = family.Sampler(family.Parameters(random));
            var key = (ulong)random.NextInt64();
            var row = random.NextInt64(0, long.MaxValue / 2);
            var first = new CellDraws(key, row);
            var second = new CellDraws(key, row);
            return sampler(ref first).Equals(sampler(ref second)) && first.NextBits() == second.NextBits();
        }).Check(Runs(200));
    }

    public static TheoryData<string> InversionNames => [.. Families.Where(f => f.Value.Inversion).Select(f => f.Key), "Poisson below 10", "Binomial with n p below 10"];

    [Theory]
    [MemberData(nameof(InversionNames))]
    public void Should_BeNonDecreasingInTheUniform_When_SamplingByInversion(string name)
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            // Given: random parameters and two random words, ordered by their uniforms
            var random = new Random(seed);
            var low = (ulong)random.NextInt64() << 1;
            var high = (ulong)random.NextInt64() << 1;
            if (low > high)
            {
                (low, high) = (high, low);
            }

            // When / Then: coupled draws are ordered (up to a few ulps of rounding for continuous values)
            switch (name)
            {
                case "Poisson below 10":
                    {
                        var mean = random.NextDouble() * 10;
                        return Draw.PoissonInversionAt(low, mean) <= Draw.PoissonInversionAt(high, mean);
                    }

                case "Binomial with n p below 10":
                    {
                        var n = random.NextInt64(1, 1_000_000_000_000);
                        var p = Math.Min(0.5, random.NextDouble() * 10 / n);
                        return Draw.BinomialInversionAt(low, n, p, 1 - p) <= Draw.BinomialInversionAt(high, n, p, 1 - p);
                    }

                default:
                    {
                        var family = Families[name];
                        var parameters = family.Parameters(random);
                        var at = At(name, parameters);
                        var a = at(low);
                        var b = at(high);
                        return a <= b || Accuracy.Ulps(a, b) <= 8;
                    }
            }
        }).Check(Runs(500));
    }

    [Fact]
    public void Should_BeNonDecreasingUpToRounding_When_ScanningAdjacentUniformsAcrossEverySeam()
    {
        // Given: the seams of the piecewise approximations, where two formulas meet
        const long Top = 1L << 53;
        var seams = new (string Name, Func<ulong, double> At, long Centre)[]
        {
            ("normal at u = 0.075", b => Draw.StandardNormalAt(b), (long)(0.075 * Top)),
            ("normal at u = 0.925", b => Draw.StandardNormalAt(b), (long)(0.925 * Top)),
            ("normal at u = 1/2", b => Draw.StandardNormalAt(b), Top / 2),
            ("normal at u = e^-25", b => Draw.StandardNormalAt(b), (long)(Math.Exp(-25) * Top)),
            ("normal at the lowest uniforms", b => Draw.StandardNormalAt(b), 20_000),
            ("exponential at u = 1/2", b => Draw.StandardExponentialAt(b), Top / 2),
            ("truncated normal on [-1, 2] at its median", b => Draw.TruncatedNormalAt(b, 0, 1, -1, 2), (long)(0.3775 * Top)),
            ("truncated normal on [8, 9] at u = 1/2", b => Draw.TruncatedNormalAt(b, 0, 1, 8, 9), Top / 2),
            ("truncated normal on [40, 41] at u = 1/2", b => Draw.TruncatedNormalAt(b, 0, 1, 40, 41), Top / 2),
        };

        foreach (var (name, at, centre) in seams)
        {
            // When: 40,000 adjacent 53-bit uniforms around the seam
            var worst = 0L;
            var previous = at((ulong)(centre - 20_000) << 11);
            for (var m = centre - 19_999; m <= centre + 20_000; m++)
            {
                var value = at((ulong)m << 11);
                if (value < previous)
                {
                    worst = Math.Max(worst, Accuracy.Ulps(previous, value));
                }

                previous = value;
            }

            // Then: any decrease is rounding, a few units in the last place
            Assert.True(worst <= 4, $"{name}: a decrease of {worst} ulps");
        }
    }

    [Fact]
    public void Should_ReachButNotPassTheExtremeQuantiles_When_TheWordIsAllZerosOrAllOnes()
    {
        Assert.Equal(-8.292361075813595, Draw.StandardNormalAt(0), 1e-14);
        Assert.Equal(-Draw.StandardNormalAt(0), Draw.StandardNormalAt(ulong.MaxValue));
        Assert.Equal(5.551115123125783e-17, Draw.StandardExponentialAt(0));
        Assert.Equal(37.42994775023705, Draw.StandardExponentialAt(ulong.MaxValue), 1e-13);
        Assert.InRange(Draw.UniformAt(ulong.MaxValue, -1, 1), -1, 1);
        Assert.Equal(8.0, Draw.TruncatedNormalAt(0, 0, 1, 8, 9));
        Assert.InRange(Draw.TruncatedNormalAt(ulong.MaxValue, 0, 1, 8, 9), 8.9999999, 9.0);
        Assert.InRange(Draw.TruncatedNormalAt(ulong.MaxValue, 0, 1, 1e6, double.PositiveInfinity), 1e6, 1e6 + 1e-4);
    }

    private static Func<ulong, double> At(string name, double[] p) => name switch
    {
        "Normal" => b => Draw.NormalAt(b, p[0], p[1]),
        "LogNormal" => b => Draw.LogNormalAt(b, p[0], p[1]),
        "Uniform" => b => Draw.UniformAt(b, p[0], p[1]),
        "Exponential" => b => Draw.ExponentialAt(b, p[0]),
        "Weibull" => b => Draw.WeibullAt(b, p[0], p[1]),
        "TruncatedNormal" => b => Draw.TruncatedNormalAt(b, p[0], p[1], p[2], p[3]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an inversion sampler"),
    };

    private static double LogUniform(Random random, double fromExponent, double toExponent) =>
        Math.Pow(10, fromExponent + (random.NextDouble() * (toExponent - fromExponent)));

    private static double Signed(Random random) => random.NextDouble() < 0.5 ? -1 : 1;
}
