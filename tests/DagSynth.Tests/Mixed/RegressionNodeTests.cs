using DagSynth.Expressions;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.Tests.Mixed;

/// <summary>
/// Logistic, multinomial, cumulative-logit and noisy-OR nodes against their exact conditional
/// probabilities, configuration by configuration (chi-square, alpha 1e-3 per configuration, fixed seeds).
/// </summary>
[Trait("Category", "Statistical")]
public sealed class RegressionNodeTests
{
    private const double Alpha = 1e-3;

    private const string Parents = """
        dagsynth: 1
        variables:
          sex: {levels: [female, male], probs: [0.5, 0.5]}
          age_group: {levels: [young, middle, old], probs: [0.3, 0.4, 0.3]}
          smoker: {type: boolean, probs: [0.7, 0.3]}
        """;

    [Fact]
    public void Should_MatchExpitOfTheLinearPredictor_When_SamplingALogisticNode()
    {
        // Given: log-odds = logit(0.05) + log(2) smoker + log(1.6) [male] + log(1.3) [old] + 0.4 smoker*[old]
        var model = MixedModels.Read(Parents + """

              cvd:
                type: logistic
                baseline: 0.05
                odds_ratios: {smoker: 2.0, sex: {male: 1.6}, "age_group == \"old\"": 1.3}
                coefficients: {"smoker and age_group == \"old\"": 0.4}
            """);

        // Then
        AssertConditionalsMatch(model, "cvd", 300_000, 7, (codes, p) =>
        {
            var eta = Math.Log(0.05 / 0.95) + (codes[2] * Math.Log(2)) + (codes[0] * Math.Log(1.6)) + ((codes[1] == 2 ? 1 : 0) * Math.Log(1.3)) + (codes[2] == 1 && codes[1] == 2 ? 0.4 : 0);
            p[1] = Functions.Expit(eta);
            p[0] = 1 - p[1];
        });
    }

    [Fact]
    public void Should_MatchTheSoftmax_When_SamplingAMultinomialNode()
    {
        var model = MixedModels.Read(Parents + """

              stage:
                type: multinomial
                levels: [I, II, III]
                baseline: [0.6, 0.3, 0.1]
                odds_ratios:
                  II: {smoker: 1.5}
                  III: {smoker: 3.0, sex: {male: 2.0}}
            """);

        AssertConditionalsMatch(model, "stage", 300_000, 8, (codes, p) =>
        {
            var e1 = Math.Log(0.3 / 0.6) + (codes[2] * Math.Log(1.5));
            var e2 = Math.Log(0.1 / 0.6) + (codes[2] * Math.Log(3.0)) + (codes[0] * Math.Log(2.0));
            var z = 1 + Math.Exp(e1) + Math.Exp(e2);
            (p[0], p[1], p[2]) = (1 / z, Math.Exp(e1) / z, Math.Exp(e2) / z);
        });
    }

    [Fact]
    public void Should_MatchProportionalOdds_When_SamplingACumulativeLogitNode()
    {
        var model = MixedModels.Read(Parents + """

              severity:
                type: ordinal
                levels: [mild, moderate, severe]
                baseline: [0.5, 0.3, 0.2]
                odds_ratios: {smoker: 2.5, "age_group == \"old\"": 1.5}
            """);

        AssertConditionalsMatch(model, "severity", 300_000, 9, (codes, p) =>
        {
            var eta = (codes[2] * Math.Log(2.5)) + ((codes[1] == 2 ? 1 : 0) * Math.Log(1.5));
            var c1 = Functions.Expit(Math.Log(0.5 / 0.5) - eta);
            var c2 = Functions.Expit(Math.Log(0.8 / 0.2) - eta);
            (p[0], p[1], p[2]) = (c1, c2 - c1, 1 - c2);
        });
    }

    [Fact]
    public void Should_CombineCausesIndependently_When_SamplingANoisyOrNode()
    {
        var model = MixedModels.Read(Parents + """

              pain:
                type: noisy_or
                leak: 0.02
                causes: {smoker: 0.3, "age_group == \"old\"": 0.2, "sex == \"male\" and smoker": 0.1}
            """);

        AssertConditionalsMatch(model, "pain", 300_000, 10, (codes, p) =>
        {
            var none = 0.98 * (codes[2] == 1 ? 0.7 : 1) * (codes[1] == 2 ? 0.8 : 1) * (codes[0] == 1 && codes[2] == 1 ? 0.9 : 1);
            (p[0], p[1]) = (none, 1 - none);
        });
    }

    [Fact]
    public void Should_NeverDrawTrue_When_TheBaselineIsAStructuralZero()
    {
        // A noisy-OR with no leak and no cause present is exactly 0: never generated.
        var model = MixedModels.Read(Parents + """

              pain:
                type: noisy_or
                causes: {smoker: 0.5}
            """);
        var data = MixedModels.Generate(model, 50_000, 3);
        for (var i = 0; i < data.Rows; i++)
        {
            Assert.False(data.Column("smoker")[i] == 0 && data.Column("pain")[i] == 1);
        }
    }

    /// <summary>For every configuration of the three parents, compares the child's frequencies with the exact probabilities.</summary>
    private static void AssertConditionalsMatch(Model model, string child, long rows, ulong seed, Action<int[], double[]> exact)
    {
        var data = MixedModels.Generate(model, rows, seed);
        var k = model[child].Cardinality;
        var counts = new Dictionary<(int, int, int), long[]>();
        for (var i = 0; i < data.Rows; i++)
        {
            var key = ((int)data.Column("sex")[i], (int)data.Column("age_group")[i], (int)data.Column("smoker")[i]);
            if (!counts.TryGetValue(key, out var c))
            {
                counts[key] = c = new long[k];
            }

            c[(int)data.Column(child)[i]]++;
        }

        Assert.Equal(12, counts.Count);
        foreach (var ((sex, age, smoker), c) in counts)
        {
            var p = new double[k];
            exact([sex, age, smoker], p);
            var pValue = ChiSquare.PValue(c, p);
            Assert.True(pValue > Alpha, $"{child} | sex={sex}, age={age}, smoker={smoker}: p = {pValue:G3}, counts {string.Join(",", c)}, expected {string.Join(",", p.Select(x => x.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
    }
}
