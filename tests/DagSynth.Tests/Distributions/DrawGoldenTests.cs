using DagSynth.Distributions;
using DagSynth.Randomness;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Pins the first values of every sampler for the cells (seed 42, variable "x", rows 0..4). These
/// values are part of the determinism contract: if a test here fails, seeded datasets with continuous
/// or count variables change, which is a breaking change to announce in the CHANGELOG under
/// "Changed output" (docs/determinism.md).
/// </summary>
[Trait("Category", "Golden")]
public sealed class DrawGoldenTests
{
    private static readonly ulong Key = CellRandom.VariableKey(42, "x");

    public static TheoryData<string, double[]> ContinuousGoldens => new()
    {
        { "Normal(0, 1)", [0.20830619574559095, 0.1844501525313667, 1.0662377470523228, -0.9217853479546742, 2.5462462285369973] },
        { "Gamma(2, 1)", [1.950311942237739, 1.9163114409156754, 3.456903541330838, 0.7374064023909308, 7.588581185208538] },
        { "LogNormal(0, 1)", [1.2315902195058996, 1.2025570353667088, 2.9044317119469163, 0.3978081806850157, 12.759118960333682] },
        { "Uniform(0, 1)", [0.5825050528748701, 0.5731698356713721, 0.8568419086459269, 0.1783202757958085, 0.9945555824175598] },
        { "Exponential(1)", [0.8734828374587649, 0.8513690864928292, 1.943805725430291, 0.19640458977332584, 5.2131644920574285] },
        { "Weibull(1.5, 2)", [1.8275372865717183, 1.7965607756728061, 3.1150515184701115, 0.6757681994365844, 6.013088761532083] },
        { "TruncatedNormal(0, 1, -1, 2)", [0.34643144845902357, 0.3261617079112722, 1.0805953564902502, -0.5111378377438891, 1.9235277434706803] },
        { "TruncatedNormal(0, 1, 8, 9)", [8.106829847931666, 8.104142519231177, 8.235834983757295, 8.024143460908283, 8.614930718230402] },
        { "Gamma(0.5, 1)", [0.007695743234193995, 0.36283511374798716, 0.08192194270974522, 0.019963255181853132, 5.6045690409233435] },
        { "Beta(2, 5)", [0.4713962622049594, 0.2879494545644488, 0.542756564277526, 0.18884615504356417, 0.4753859195692849] },
    };

    public static TheoryData<string, long[]> CountGoldens => new()
    {
        { "Poisson(3.3)", [4, 3, 5, 2, 9] },
        { "Poisson(37.5)", [39, 39, 31, 31, 35] },
        { "NegativeBinomial(5, 0.5)", [0, 4, 1, 0, 65] },
        { "Binomial(20, 0.4)", [8, 8, 10, 6, 14] },
        { "Binomial(1000, 0.3)", [313, 313, 316, 291, 301] },
    };

    [Theory]
    [MemberData(nameof(ContinuousGoldens))]
    public void Should_DrawThePinnedValues_When_SamplingContinuousDistributions(string name, double[] expected)
    {
        ContinuousSampler sampler = name switch
        {
            "Normal(0, 1)" => (ref d) => Draw.Normal(ref d, 0, 1),
            "Gamma(2, 1)" => (ref d) => Draw.Gamma(ref d, 2, 1),
            "LogNormal(0, 1)" => (ref d) => Draw.LogNormal(ref d, 0, 1),
            "Uniform(0, 1)" => (ref d) => Draw.Uniform(ref d, 0, 1),
            "Exponential(1)" => (ref d) => Draw.Exponential(ref d, 1),
            "Weibull(1.5, 2)" => (ref d) => Draw.Weibull(ref d, 1.5, 2),
            "TruncatedNormal(0, 1, -1, 2)" => (ref d) => Draw.TruncatedNormal(ref d, 0, 1, -1, 2),
            "TruncatedNormal(0, 1, 8, 9)" => (ref d) => Draw.TruncatedNormal(ref d, 0, 1, 8, 9),
            "Gamma(0.5, 1)" => (ref d) => Draw.Gamma(ref d, 0.5, 1),
            "Beta(2, 5)" => (ref d) => Draw.Beta(ref d, 2, 5),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        var actual = Enumerable.Range(0, 5).Select(row =>
        {
            var draws = new CellDraws(Key, row);
            return sampler(ref draws);
        }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(CountGoldens))]
    public void Should_DrawThePinnedCounts_When_SamplingCountDistributions(string name, long[] expected)
    {
        CountSampler sampler = name switch
        {
            "Poisson(3.3)" => (ref d) => Draw.Poisson(ref d, 3.3),
            "Poisson(37.5)" => (ref d) => Draw.Poisson(ref d, 37.5),
            "NegativeBinomial(5, 0.5)" => (ref d) => Draw.NegativeBinomial(ref d, 5, 0.5),
            "Binomial(20, 0.4)" => (ref d) => Draw.Binomial(ref d, 20, 0.4),
            "Binomial(1000, 0.3)" => (ref d) => Draw.Binomial(ref d, 1000, 0.3),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        var actual = Enumerable.Range(0, 5).Select(row =>
        {
            var draws = new CellDraws(Key, row);
            return sampler(ref draws);
        }).ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Should_AgreeWithAnIndependentImplementation_When_InvertingTheFirstUniforms()
    {
        // Given: the same cells computed independently in Python (SplitMix64 keyed as in
        // docs/determinism.md, u = (2m + 1) / 2^54 for the top 53 bits m) with 40-digit mpmath:
        // z = sqrt(2) erfinv(2u - 1), e = -ln(1 - u).
        double[] normal = [0.20830619574559095, 0.18445015253136671, 1.0662377470523228, -0.92178534795467432, 2.5462462285369976];
        double[] exponential = [0.87348283745876482, 0.85136908649282922, 1.943805725430291, 0.19640458977332584, 5.2131644920574282];

        for (var row = 0; row < 5; row++)
        {
            // When
            var first = new CellDraws(Key, row);
            var second = first;

            // Then: within the accuracy of AS 241 and of our logarithm
            Accuracy.Relative(normal[row], Draw.StandardNormal(ref first), 1e-15, $"normal, row {row}");
            Accuracy.Relative(exponential[row], Draw.Exponential(ref second, 1), 1e-15, $"exponential, row {row}");
        }
    }
}
