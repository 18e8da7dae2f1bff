using DagSynth.Expressions;
using DagSynth.Inference;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Inference;

/// <summary>Exact inference on the discrete part of a mixed model.</summary>
[Trait("Category", "Unit")]
public sealed class DiscretePartTests
{
    private const string Model = """
        dagsynth: 1
        variables:
          sex: {levels: [female, male], probs: [0.4, 0.6]}
          age: {type: uniform, min: 40, max: 80}
          smoker:
            type: logistic
            baseline: 0.1
            odds_ratios: {sex: {male: 2.0}}
          cvd:
            type: noisy_or
            leak: 0.05
            causes: {smoker: 0.3}
          old: {type: derive, formula: age > 60}
          band: {type: derive, formula: 'if(smoker, 1, 0) + 1 > 1'}
        rules:
          - never: band and not smoker
          - never: cvd and not smoker
          - never: old and age < 60
        """;

    [Fact]
    public void Should_ExpandRegressionNodesToExactTables_When_TheirParentsAreDiscrete()
    {
        // Given
        var model = MixedModels.Read(Model);

        // When
        var engine = InferenceEngine.Create(model);
        var marginals = engine.Marginals();

        // Then: P(smoker) and P(cvd) by hand
        var pSmokeF = 0.1;
        var pSmokeM = Functions.Expit(Math.Log(0.1 / 0.9) + Math.Log(2));
        var pSmoke = (0.4 * pSmokeF) + (0.6 * pSmokeM);
        var pCvd = (pSmoke * (1 - (0.95 * 0.7))) + ((1 - pSmoke) * 0.05);
        Assert.Equal(pSmoke, marginals.Marginals[model.IndexOf("smoker")][1], 12);
        Assert.Equal(pCvd, marginals.Marginals[model.IndexOf("cvd")][1], 12);
        Assert.True(engine.Part.IsExact(model.IndexOf("band")));
        Assert.False(engine.Part.IsExact(model.IndexOf("age")));
        Assert.False(engine.Part.IsExact(model.IndexOf("old")));
    }

    [Fact]
    public void Should_ProveDiscreteRulesAndLeaveTheRestToRowChecks_When_TheModelIsMixed()
    {
        var model = MixedModels.Read(Model);
        var proofs = InferenceEngine.Create(model).ProveRules();

        Assert.Equal(RuleProofStatus.Proven, proofs.Proofs[0].Status);                 // band implies smoker
        Assert.Equal(RuleProofStatus.Violated, proofs.Proofs[1].Status);               // the leak allows cvd without smoking
        Assert.Equal(RuleProofStatus.Undecided, proofs.Proofs[2].Status);              // numeric: checked on every row
        Assert.Null(proofs.Proofs[2].Diagnostic);
    }

    [Fact]
    public void Should_RefuseQueriesOutsideTheExactPart_When_TheyNameANumber()
    {
        var model = MixedModels.Read(Model);
        var result = InferenceEngine.Create(model).Query(model.IndexOf("old"), Evidence.None);
        Assert.Null(result.Posterior);
        Assert.Contains(result.Diagnostics, d => d.Code == "DS0409" && d.Message.Contains("'old'", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_ProveAStructuralZero_When_ItsTablesHangBelowANumber()
    {
        // Given: hypertension and treatment depend on a band cut from a continuous age, so they are
        // outside the exact part; the structural zero of the table still proves the rule.
        var model = MixedModels.Read("""
            dagsynth: 1
            variables:
              age: {type: uniform, min: 40, max: 80}
              band: {type: derive, formula: 'cut(age, [60], ["younger", "older"])'}
              hypertension:
                type: boolean
                given: [band]
                table:
                  - when: {band: younger}
                    probs: [0.7, 0.3]
                  - default: [0.4, 0.6]
              treated:
                type: boolean
                given: [hypertension, band]
                table:
                  - when: {hypertension: false}
                    probs: [1, 0]
                  - default: [0.5, 0.5]
            rules:
              - never: treated and not hypertension
              - never: treated and band == "older"
            """);

        // When
        var proofs = InferenceEngine.Create(model).ProveRules();

        // Then: the first is proven; the second can happen, and is left to the row checks
        Assert.Equal(RuleProofStatus.Proven, proofs.Proofs[0].Status);
        Assert.Equal(RuleProofStatus.Undecided, proofs.Proofs[1].Status);
        Assert.Null(proofs.Proofs[1].Diagnostic);
    }
}
