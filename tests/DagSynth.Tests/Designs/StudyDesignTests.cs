using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Testing;
using DagSynth.Tests.Inference;

namespace DagSynth.Tests.Designs;

/// <summary>Quota and case-control designs: exact counts, contiguous strata, distributions within strata, weights.</summary>
[Trait("Category", "Statistical")]
public sealed class StudyDesignTests
{
    private const double Alpha = 1e-3;

    [Fact]
    public void Should_DrawEachStratumFromItsPosterior_When_GivenQuotas()
    {
        // Given: asia with an enriched rare outcome: 3,000 with lung cancer and 6,000 without
        var model = TestModels.Asia();
        var lung = model.IndexOf("lung");
        var engine = InferenceEngine.Create(model);
        var request = new DesignRequest
        {
            Quotas = [new Quota([new LevelAssignment(lung, 0)], 3_000), new Quota([new LevelAssignment(lung, 1)], 6_000)],
            Weights = true,
        };

        // When
        var design = DesignTesting.Design(model, request);
        var (rows, result) = DesignTesting.Run(design, seed: 14, threads: 2, batchSize: 1000);

        // Then: the strata are contiguous, in order, with exactly their counts; within each, smoking
        // follows P(smoke | lung) (chi-square at Alpha)
        Assert.Equal(9_000, design.Rows);
        Assert.Equal(["lung=yes", "lung=no"], design.StratumLabels);
        Assert.Equal(1, design.Coverage, 12);
        var stratum = rows.Column("stratum");
        Assert.All(Enumerable.Range(0, 3_000), i => Assert.Equal(0, stratum[i]));
        Assert.All(Enumerable.Range(3_000, 6_000), i => Assert.Equal(1, stratum[i]));
        Assert.All(Enumerable.Range(0, 9_000), i => Assert.Equal(i < 3_000 ? 0 : 1, rows.Column("lung")[i]));
        for (var k = 0; k < 2; k++)
        {
            var range = k == 0 ? Enumerable.Range(0, 3_000) : Enumerable.Range(3_000, 6_000);
            var expected = engine.Query(model.IndexOf("smoke"), Evidence.Of(new LevelAssignment(lung, k))).Posterior!.Values.ToArray();
            var p = ChiSquare.PValue(DesignTesting.Counts(range.Select(i => rows.Column("smoke")[i]), 2), expected);
            Assert.True(p > Alpha, $"stratum {k}: chi-square p = {p:G3}");
        }

        // And: weights are P(stratum) / sample share, and weighted frequencies recover the population
        var pLung = engine.Marginals().Marginals[lung][0];
        Assert.Equal(pLung / (3_000.0 / 9_000), result.Strata[0].Weight, 12);
        Assert.Equal((1 - pLung) / (6_000.0 / 9_000), rows.Column("weight")[5_000], 12);
        var weighted = Enumerable.Range(0, 9_000).Where(i => rows.Column("dysp")[i] == 0).Sum(i => rows.Column("weight")[i]) / 9_000;
        var prior = engine.Marginals().Marginals[model.IndexOf("dysp")][0];
        Assert.True(Math.Abs(weighted - prior) < 0.02, $"weighted P(dysp=yes) {weighted}, exact {prior}");
    }

    [Fact]
    public void Should_MatchControlsToCasesStratumByStratum_When_FrequencyMatching()
    {
        // Given: the confounded model, cases cvd = yes, two controls per case matched on age
        var model = TestModels.Confounded();
        var (age, smoker, cvd) = (model.IndexOf("age"), model.IndexOf("smoker"), model.IndexOf("cvd"));
        var request = new DesignRequest
        {
            CaseControl = new CaseControlDesign(new LevelAssignment(cvd, 1), new LevelAssignment(cvd, 0), 4_000, 2, [age]),
            Weights = true,
        };

        // When
        var design = DesignTesting.Design(model, request);
        var (rows, result) = DesignTesting.Run(design, seed: 8, threads: 2, batchSize: 777);

        // Then: 4,000 cases, then exactly twice as many controls as cases in each age stratum
        Assert.Equal(12_000, rows.Rows);
        Assert.Equal(["cvd=yes", "cvd=no;age=young", "cvd=no;age=old"], design.StratumLabels);
        var caseAges = DesignTesting.Counts(Enumerable.Range(0, 4_000).Select(i => rows.Column("age")[i]), 2);
        var controlAges = DesignTesting.Counts(Enumerable.Range(4_000, 8_000).Select(i => rows.Column("age")[i]), 2);
        Assert.Equal(caseAges.Select(c => 2 * c), controlAges);
        Assert.All(Enumerable.Range(0, 4_000), i => Assert.Equal(1, rows.Column("cvd")[i]));
        Assert.All(Enumerable.Range(4_000, 8_000), i => Assert.Equal(0, rows.Column("cvd")[i]));

        // And: within an age stratum, controls' smoking follows P(smoker | cvd = no, age)
        var engine = InferenceEngine.Create(model);
        for (var a = 0; a < 2; a++)
        {
            var controls = Enumerable.Range(4_000, 8_000).Where(i => rows.Column("age")[i] == a).Select(i => rows.Column("smoker")[i]);
            var expected = engine.Query(smoker, Evidence.Of(new LevelAssignment(cvd, 0), new LevelAssignment(age, a))).Posterior!.Values.ToArray();
            var p = ChiSquare.PValue(DesignTesting.Counts(controls, 2), expected);
            Assert.True(p > Alpha, $"controls aged {a}: chi-square p = {p:G3}");
        }

        // And: the weights recover the population's P(smoker) (within 0.02)
        Assert.Equal(3, result.Strata.Length);
        var weighted = Enumerable.Range(0, 12_000).Where(i => rows.Column("smoker")[i] == 1).Sum(i => rows.Column("weight")[i]) / 12_000;
        var prior = engine.Marginals().Marginals[smoker][1];
        Assert.True(Math.Abs(weighted - prior) < 0.02, $"weighted P(smoker) {weighted}, exact {prior}");
    }

    [Fact]
    public void Should_RefuseBeforeGenerating_When_SomeCasesCanHaveNoMatchingControl()
    {
        // Given: treated people always have hypertension in this model, and only treated people are
        // cases; matching on treatment leaves treated cases without controls when controls must be
        // untreated... here: controls (hypertension = no) can never be treated
        var model = TestModels.Treatment(leak: 0);
        var request = new DesignRequest
        {
            CaseControl = new CaseControlDesign(new LevelAssignment(model.IndexOf("hypertension"), 1), new LevelAssignment(model.IndexOf("hypertension"), 0), 100, 1, [model.IndexOf("treated")]),
        };

        var (design, diagnostics) = StudyDesign.Create(model, request);

        Assert.Null(design);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.ImpossibleEvidence, d.Code);
        Assert.Contains("no control can match the cases with treated=yes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReportEveryProblem_When_TheDesignCannotBeBuilt()
    {
        var model = TestModels.Asia();
        var lung = model.IndexOf("lung");
        var smoke = model.IndexOf("smoke");
        var (design, diagnostics) = StudyDesign.Create(model, new DesignRequest
        {
            Quotas =
            [
                new Quota([new LevelAssignment(lung, 0)], 10),
                new Quota([new LevelAssignment(smoke, 0)], 10),
                new Quota([new LevelAssignment(lung, 1)], -1),
            ],
            StratumColumn = "xray",
        });

        Assert.Null(design);
        Assert.Contains(diagnostics, d => d.Message.Contains("asks for -1 rows", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.Contains("quotas 'lung=yes' and 'smoke=yes' overlap", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.Contains("the column 'xray'", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.BadDesign, d.Code));
    }

    [Fact]
    public void Should_NameTheStratum_When_AQuotaIsImpossible()
    {
        var model = TestModels.Treatment(leak: 0);
        var (design, diagnostics) = StudyDesign.Create(model, new DesignRequest
        {
            Quotas = [new Quota([new LevelAssignment(model.IndexOf("treated"), 1), new LevelAssignment(model.IndexOf("hypertension"), 0)], 5)],
        });
        Assert.Null(design);
        Assert.StartsWith("quota 'treated=yes;hypertension=no': the evidence", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }
}
