using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;
using DagSynth.Tests.Inference;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Designs;

/// <summary>
/// Interventions and potential outcomes: interventional frequencies against exact P(Y | do(X)),
/// potential-outcome averages against the exact causal effect, and the coupling of potential
/// outcomes (common random numbers) with the rows as generated.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class InterventionAndPotentialOutcomeTests
{
    private const double Alpha = 1e-3;

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    [InlineData(35)]
    public void Should_MatchExactInterventionalDistributions_When_GeneratingUnderDo(int seed)
    {
        // Given: a random model and do(X = x) on a variable with parents
        var model = Enumerable.Range(seed * 100, 100)
            .Select(s => RandomModels.Create(s, maxVariables: 7, maxLevels: 3))
            .First(m => m.Variables.Any(v => v.Parents.Length >= 1 && v.Cardinality >= 2 && m.Children[v.Index].Length >= 1));
        var x = model.Variables.First(v => v.Parents.Length >= 1 && v.Cardinality >= 2 && model.Children[v.Index].Length >= 1);
        var setting = InterventionSetting.Level(x.Index, seed % x.Cardinality);
        var exact = InferenceEngine.Create(Intervention.Apply(model, [setting])).Marginals();

        // When: 20,000 rows through the design pipeline
        var (rows, _) = DesignTesting.Run(DesignTesting.Design(model, new DesignRequest { Rows = 20_000, Interventions = [setting] }), seed: (ulong)seed);

        // Then: every variable's frequencies match P(V | do(X = x)) (chi-square at Alpha each)
        foreach (var v in model.Variables)
        {
            var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column(v.Name), v.Cardinality), exact.Marginals[v.Index]);
            Assert.True(p > Alpha, $"model {seed}, do({setting.Describe(model)}), {v.Name}: chi-square p = {p:G3}");
        }
    }

    [Fact]
    public void Should_ReplaceANumberByAConstant_When_IntervenedOn()
    {
        // Given: treatment depends on sbp; do(sbp = 150)
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              age: {type: uniform, min: 40, max: 80}
              sbp: {type: normal, mean: 100 + 0.6 * age, sd: 12}
              treated: {type: logistic, intercept: -2, coefficients: {"(sbp - 140) / 10": 1}}
              visits: {type: poisson, mean: 2}
            """);
        var world = Intervention.Apply(model, [InterventionSetting.Number(model.IndexOf("sbp"), 150)]);

        // When
        var rows = DesignTesting.Run(SamplingPlan.Compile(world), 20_000, seed: 4);

        // Then: sbp is 150 everywhere and has no parents; P(treated) = expit(-2 + 1) exactly
        Assert.Empty(world["sbp"].Parents);
        Assert.All(rows.Column("sbp"), v => Assert.Equal(150, v));
        var p = ChiSquare.PValue(DesignTesting.Counts(rows.Column("treated"), 2), [1 - Functions.Expit(-1), Functions.Expit(-1)]);
        Assert.True(p > Alpha, $"treated: chi-square p = {p:G3}");
        Assert.Throws<ArgumentException>(() => Intervention.Apply(model, [InterventionSetting.Number(model.IndexOf("visits"), 1.5)]));
        Assert.Throws<ArgumentException>(() => Intervention.Apply(model, [InterventionSetting.Number(model.IndexOf("sbp"), double.NaN)]));
    }

    [Fact]
    public void Should_MatchTheExactCausalEffect_When_AveragingPotentialOutcomes()
    {
        // Given: age confounds smoking and cvd; the causal risks are P(cvd | do(smoker))
        var model = TestModels.Confounded();
        var (smoker, cvd) = (model.IndexOf("smoker"), model.IndexOf("cvd"));
        var risk = Enumerable.Range(0, 2)
            .Select(t => InferenceEngine.Create(Intervention.Apply(model, smoker, t)).Marginals().Marginals[cvd][1])
            .ToArray();
        const int Rows = 100_000;

        // When
        var design = DesignTesting.Design(model, new DesignRequest { Rows = Rows, PotentialOutcomes = new PotentialOutcomeRequest(smoker, [cvd]) });
        var (rows, _) = DesignTesting.Run(design, seed: 12);

        // Then: each potential outcome's frequency matches the exact risk under do() (chi-square at
        // Alpha), while the crude contrast is confounded; and each row is consistent: the potential
        // outcome under the treatment it received is its outcome
        for (var t = 0; t < 2; t++)
        {
            var column = rows.Column(PotentialOutcomeRequest.ColumnName(model, cvd, smoker, t));
            var p = ChiSquare.PValue(DesignTesting.Counts(column, 2), [1 - risk[t], risk[t]]);
            Assert.True(p > Alpha, $"cvd under do(smoker={t}): chi-square p = {p:G3}");
        }

        var y0 = rows.Column("cvd_do_smoker_no");
        var y1 = rows.Column("cvd_do_smoker_yes");
        for (var i = 0; i < Rows; i++)
        {
            Assert.Equal(rows.Column("cvd")[i], rows.Column("smoker")[i] == 0 ? y0[i] : y1[i]);
        }

        var ate = Enumerable.Range(0, Rows).Average(i => y1[i] - y0[i]);
        var se = Math.Sqrt(Enumerable.Range(0, Rows).Select(i => y1[i] - y0[i]).Select(d => (d - ate) * (d - ate)).Sum() / (Rows - 1) / Rows);
        Assert.True(Math.Abs(ate - (risk[1] - risk[0])) < 4 * se, $"ATE {ate}, exact {risk[1] - risk[0]}, se {se}");
    }

    [Fact]
    public void Should_ShareEveryColumnWithPlainGeneration_When_AddingPotentialOutcomes()
    {
        // Given: a mixed model where the treatment acts through a number (sbp) on the outcome
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              age: {type: uniform, min: 40, max: 80, round: 0}
              treated: {type: logistic, baseline: 0.3, odds_ratios: {"(age - 60) / 10": 1.5}}
              sbp: {type: normal, mean: 100 + 0.6 * age - 12 * treated, sd: 10}
              event: {type: logistic, intercept: -3, coefficients: {"(sbp - 120) / 10": 0.5}}
            """);
        var (treated, events) = (model.IndexOf("treated"), model.IndexOf("event"));

        // When
        var design = DesignTesting.Design(model, new DesignRequest { Rows = 20_000, PotentialOutcomes = new PotentialOutcomeRequest(treated, [events, model.IndexOf("sbp")]) });
        var (rows, _) = DesignTesting.Run(design, seed: 6, threads: 2, batchSize: 999);
        var plain = DesignTesting.Run(SamplingPlan.Compile(model), 20_000, seed: 6);

        // Then: the model's own columns are those of plain generation; the treated row's sbp under
        // do(treated = false) is its sbp plus 12 exactly (common random numbers: same draw, shifted)
        foreach (var v in model.Variables)
        {
            Assert.Equal(plain.Column(v.Name), rows.Column(v.Name));
        }

        var sbp0 = rows.Column("sbp_do_treated_false");
        var sbp1 = rows.Column("sbp_do_treated_true");
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Equal(12, sbp0[i] - sbp1[i], 9);
            Assert.Equal(rows.Column("sbp")[i], rows.Column("treated")[i] == 1 ? sbp1[i] : sbp0[i]);
        }
    }

    [Fact]
    public void Should_Refuse_When_PotentialOutcomesAreConditionedOnADescendantOfTheTreatment()
    {
        var model = TestModels.Confounded();
        var (design, diagnostics) = StudyDesign.Create(model, new DesignRequest
        {
            Rows = 10,
            Given = DesignTesting.Levels(new LevelAssignment(model.IndexOf("cvd"), 1)),
            PotentialOutcomes = new PotentialOutcomeRequest(model.IndexOf("smoker"), [model.IndexOf("cvd")]),
        });
        Assert.Null(design);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.BadDesign, d.Code);
        Assert.Contains("counterfactual", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_AllocateAtRandom_When_Randomized()
    {
        // Given: smoking depends on age; randomised, it is independent of age with P = 1/2
        var model = TestModels.Confounded();
        var smoker = model.IndexOf("smoker");
        var (rows, _) = DesignTesting.Run(DesignTesting.Design(model, new DesignRequest { Rows = 20_000, Randomized = [smoker] }), seed: 3);

        // Then: within each age, smoking is 50:50
        for (var age = 0; age < 2; age++)
        {
            var within = Enumerable.Range(0, 20_000).Where(i => rows.Column("age")[i] == age).Select(i => rows.Column("smoker")[i]);
            var p = ChiSquare.PValue(DesignTesting.Counts(within, 2), [0.5, 0.5]);
            Assert.True(p > Alpha, $"age {age}: chi-square p = {p:G3}");
        }
    }
}
