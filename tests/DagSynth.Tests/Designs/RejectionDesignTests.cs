using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Testing;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Designs;

/// <summary>
/// Quota and case-control designs on an outcome outside the exact discrete part: strata drawn by
/// bounded rejection, population shares and weights estimated from the strata's own acceptance
/// counts, frequency matching exact in counts, and all of it the same for any thread count.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class RejectionDesignTests
{
    /// <summary>
    /// The outcome depends on a number (its risk), so only group and sex are in the exact part.
    /// P(event | group) averages the sex multiplier 1.25: a 0.375, b 0.125, c 0.05; P(event) = 0.1375.
    /// </summary>
    private const string Yaml = """
        dagsynth: 1
        name: mixed-outcome
        seed: 3
        variables:
          group: {levels: [a, b, c], probs: [0.2, 0.3, 0.5]}
          sex: {levels: [female, male], probs: [0.5, 0.5]}
          risk:
            type: derive
            formula: 'if(group == "a", 0.30, if(group == "b", 0.10, 0.04)) * if(sex == "male", 1.5, 1)'
          event: {type: logistic, intercept: 0, coefficients: {"logit(risk)": 1}}
        """;

    private const double PEvent = 0.1375;

    private static readonly Model Model = MixedModels.Read(Yaml);

    private static LevelAssignment Event(bool value) => new(Model.IndexOf("event"), value ? 1 : 0);

    [Fact]
    public void Should_EstimateSharesAndWeightsFromTheAcceptanceCounts_When_QuotasAreMetByRejection()
    {
        // Given: 1,500 events and 1,500 non-events, with weights
        var request = new DesignRequest
        {
            Quotas = [new Quota([Event(true)], 1_500), new Quota([Event(false)], 1_500)],
            Weights = true,
        };

        // When: with weights on two threads, and without on one thread
        var design = DesignTesting.Design(Model, request);
        var (rows, result) = DesignTesting.Run(design, seed: 21, threads: 2, batchSize: 333);
        var (plain, plainResult) = DesignTesting.Run(DesignTesting.Design(Model, request with { Weights = false }), seed: 21);

        // Then: every row is in its stratum; the quotas partition the population
        Assert.All(Enumerable.Range(0, 3_000), i => Assert.Equal(i < 1_500 ? 1 : 0, rows.Column("event")[i]));
        Assert.Equal(1, design.Coverage);
        Assert.Equal(1, result.Coverage);
        Assert.False(result.CoverageIsEstimated);

        // And: each share is the acceptance rate (nothing is met exactly), with its standard error,
        // within 4 standard errors of the truth; the weight column holds share / (1,500 / 3,000)
        double[] truth = [PEvent, 1 - PEvent];
        for (var k = 0; k < 2; k++)
        {
            var s = result.Strata[k];
            Assert.True(s.IsEstimated);
            Assert.Equal(1_500.0 / s.Attempts, s.PopulationShare, 15);
            var rate = 1_500.0 / s.Attempts;
            Assert.Equal(s.PopulationShare * Math.Sqrt((1 - rate) / 1_500), s.PopulationShareError, 15);
            Assert.True(Math.Abs(s.PopulationShare - truth[k]) < 4 * s.PopulationShareError, $"stratum {k}: {s.PopulationShare} ± {s.PopulationShareError}, exact {truth[k]}");
            Assert.Equal(s.PopulationShare / 0.5, s.Weight, 15);
            Assert.All(Enumerable.Range(k * 1_500, 1_500), i => Assert.Equal(s.Weight, rows.Column("weight")[i]));
        }

        // And: counting the attempts before writing (for the weights) found the same attempts as the
        // run that wrote, and the model's columns are those of the run without weights
        Assert.Equal(plainResult.Strata.Select(s => (s.Attempts, s.PopulationShare)), result.Strata.Select(s => (s.Attempts, s.PopulationShare)));
        foreach (var name in new[] { "group", "sex", "risk", "event", "stratum" })
        {
            Assert.Equal(plain.Column(name), rows.Column(name));
        }

        // And: the events' groups follow P(group | event) = 0.545 / 0.273 / 0.182
        var p = ChiSquare.PValue(DesignTesting.Counts(Enumerable.Range(0, 1_500).Select(i => rows.Column("group")[i]), 3), [0.075 / PEvent, 0.0375 / PEvent, 0.025 / PEvent]);
        Assert.True(p > 1e-3, $"chi-square p = {p:G3}");
    }

    [Fact]
    public void Should_MatchControlsToCasesAndEstimateTheirShares_When_TheCaseVariableIsOutsideTheExactPart()
    {
        // Given: 1,000 events, two controls per case matched on group and sex
        var (group, sex) = (Model.IndexOf("group"), Model.IndexOf("sex"));
        var request = new DesignRequest
        {
            CaseControl = new CaseControlDesign(Event(true), Event(false), 1_000, 2, [group, sex]),
            Weights = true,
        };

        // When
        var design = DesignTesting.Design(Model, request);
        var (rows, result) = DesignTesting.Run(design, seed: 5, threads: 3, batchSize: 250);

        // Then: exactly twice as many controls as cases in each (group, sex) stratum
        var cases = DesignTesting.Counts(Enumerable.Range(0, 1_000).Select(i => 2 * rows.Column("group")[i] + rows.Column("sex")[i]), 6);
        var controls = DesignTesting.Counts(Enumerable.Range(1_000, 2_000).Select(i => 2 * rows.Column("group")[i] + rows.Column("sex")[i]), 6);
        Assert.Equal(cases.Select(c => 2 * c), controls);
        Assert.All(Enumerable.Range(1_000, 2_000), i => Assert.Equal(0, rows.Column("event")[i]));

        // And: a control stratum's share is P(group, sex) (exact) times its acceptance rate, within 4
        // standard errors of P(no event, group, sex)
        double[] pGroup = [0.2, 0.3, 0.5];
        double[] risk = [0.30, 0.10, 0.04];
        foreach (var s in result.Strata.Skip(1))
        {
            var m = design.StratumLabels.IndexOf(s.Label) - 1;
            var (g, x) = (m / 2, m % 2);
            Assert.Equal(pGroup[g] * 0.5 * s.Rows / s.Attempts, s.PopulationShare, 14);
            var exact = pGroup[g] * 0.5 * (1 - risk[g] * (x == 1 ? 1.5 : 1));
            Assert.True(Math.Abs(s.PopulationShare - exact) < 4 * s.PopulationShareError + 1e-12, $"{s.Label}: {s.PopulationShare} ± {s.PopulationShareError}, exact {exact}");
        }

        // And: the weights recover P(event) within the estimates' error (the weighted share moves by
        // less than any stratum's share does, so 4 standard errors of their sum bound it)
        var total = Enumerable.Range(0, 3_000).Sum(i => rows.Column("weight")[i]);
        var weighted = Enumerable.Range(0, 1_000).Sum(i => rows.Column("weight")[i]) / total;
        var error = Math.Sqrt(result.Strata.Sum(s => s.PopulationShareError * s.PopulationShareError));
        Assert.True(Math.Abs(weighted - PEvent) < 4 * error, $"weighted P(event) {weighted} ± {error}, exact {PEvent}");
    }

    [Fact]
    public void Should_RefuseWeights_When_TheGivenConditionsAreMetByRejection()
    {
        var (design, diagnostics) = StudyDesign.Create(Model, new DesignRequest
        {
            Given = SamplingEvidence.Of([Event(true)]),
            Quotas = [new Quota([new LevelAssignment(Model.IndexOf("sex"), 0)], 10), new Quota([new LevelAssignment(Model.IndexOf("sex"), 1)], 10)],
            Weights = true,
        });

        Assert.Null(design);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.BadDesign, d.Code);
        Assert.Contains("weights need the probability of the --given conditions, but some are met by rejection (event=true)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_EstimateTheCoverage_When_QuotasMetByRejectionLeaveSomeOfThePopulationOut()
    {
        // Given: only events among women and non-events among men
        var sex = Model.IndexOf("sex");
        var design = DesignTesting.Design(Model, new DesignRequest
        {
            Quotas = [new Quota([Event(true), new LevelAssignment(sex, 0)], 200), new Quota([Event(false), new LevelAssignment(sex, 1)], 200)],
        });

        // When
        var (_, result) = DesignTesting.Run(design, seed: 2);

        // Then: P(event, female) + P(no event, male) = 0.055 + 0.4175, estimated
        Assert.True(double.IsNaN(design.Coverage));
        Assert.True(result.CoverageIsEstimated);
        Assert.Equal(result.Strata.Sum(s => s.PopulationShare), result.Coverage, 15);
        Assert.Equal(0.4725, result.Coverage, 0.03);
    }

    [Fact]
    public void Should_ProveEvidenceImpossible_When_ItsLevelsAreOutsideTheExactPartButATableRulesThemOut()
    {
        // Given: treatment only for the old, and 'old' derived from a number (outside the exact part)
        var model = MixedModels.Read("""
            dagsynth: 1
            name: support
            variables:
              age: {type: uniform, min: 40, max: 80}
              old: {type: derive, formula: age >= 65}
              treated:
                type: boolean
                given: [old]
                table:
                  - when: {old: false}
                    probs: [1, 0]
                  - when: {old: true}
                    probs: [0.5, 0.5]
            """);

        // When
        var conditioned = Conditioning.Apply(model, SamplingEvidence.Of([new LevelAssignment(model.IndexOf("treated"), 1), new LevelAssignment(model.IndexOf("old"), 0)]), new ConditioningOptions());

        // Then: refused before generating, naming the table, instead of running out of attempts
        Assert.False(conditioned.Succeeded);
        var d = Assert.Single(conditioned.Diagnostics);
        Assert.Equal(DiagnosticCodes.ImpossibleEvidence, d.Code);
        Assert.Contains("the table of 'treated' gives treated=true probability 0 whenever old=false", d.Message, StringComparison.Ordinal);
    }
}
