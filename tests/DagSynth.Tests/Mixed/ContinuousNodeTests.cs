using DagSynth.Testing;
using MathNet.Numerics.Distributions;

namespace DagSynth.Tests.Mixed;

/// <summary>
/// Continuous nodes through the whole pipeline (expressions, kernels, clipping, parameterisations),
/// against their exact conditional distributions: Kolmogorov-Smirnov at alpha 1e-3, fixed seeds.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class ContinuousNodeTests
{
    private const double Alpha = 1e-3;

    [Fact]
    public void Should_DrawFromTheConditionalNormal_When_TheMeanIsAFormulaOfTheParents()
    {
        // Given: sbp | age, treated ~ Normal(110 + 0.5 (age - 40) - 8 treated, 12)
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              age: {type: uniform, min: 40, max: 80}
              treated: {type: logistic, baseline: 0.3, odds_ratios: {"(age - 60) / 10": 1.5}}
              sbp: {type: normal, mean: 110 + 0.5 * (age - 40) - 8 * treated, sd: 12}
            """);

        // When
        var data = MixedModels.Generate(model, 50_000, 17);

        // Then: the standardised residuals are standard normal
        var z = Enumerable.Range(0, data.Rows)
            .Select(i => (data.Column("sbp")[i] - (110 + (0.5 * (data.Column("age")[i] - 40)) - (8 * data.Column("treated")[i]))) / 12)
            .ToList();
        var p = KolmogorovSmirnov.PValue([.. z], x => Normal.CDF(0, 1, x));
        Assert.True(p > Alpha, $"KS p = {p:G3}");
    }

    [Fact]
    public void Should_MatchTheGammaOfTheGivenMeanAndCv_When_ParameterisedThatWay()
    {
        // Given: a gamma with mean 4 + 2 [male] and cv 0.5, so shape 4 and rate shape / mean
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              sex: {levels: [female, male], probs: [0.5, 0.5]}
              stay: {type: gamma, mean: 4 + 2 * (sex == "male"), cv: 0.5}
            """);

        // When
        var data = MixedModels.Generate(model, 60_000, 23);

        // Then: each sex's values follow Gamma(shape 4, rate 4 / mean)
        foreach (var (code, mean) in new[] { (0, 4.0), (1, 6.0) })
        {
            var values = Enumerable.Range(0, data.Rows).Where(i => data.Column("sex")[i] == code).Select(i => data.Column("stay")[i]).ToList();
            var p = KolmogorovSmirnov.PValue([.. values], x => Gamma.CDF(4, 4 / mean, x));
            Assert.True(p > Alpha, $"sex {code}: KS p = {p:G3}");
        }
    }

    [Fact]
    public void Should_PutTheClippedMassOnTheBounds_When_Clipping()
    {
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              x: {type: normal, mean: 0, sd: 1, clip: [-1, 1.5]}
            """);
        var data = MixedModels.Generate(model, 100_000, 29);
        var x = data.Column("x");
        Assert.All(x, v => Assert.InRange(v, -1, 1.5));
        var low = x.Count(v => v == -1);
        var high = x.Count(v => v == 1.5);
        Assert.True(ChiSquare.PValue([low, high, x.Count - low - high], [Normal.CDF(0, 1, -1), 1 - Normal.CDF(0, 1, 1.5), Normal.CDF(0, 1, 1.5) - Normal.CDF(0, 1, -1)]) > Alpha);
    }
}
