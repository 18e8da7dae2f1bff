using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class AssociationTests
{
    [Fact]
    public void Should_SeparateCrudeFromCausal_When_AgeConfoundsSmoking()
    {
        // Given: P(cvd | do(smoker)) = sum over age of P(age) P(cvd | age, smoker)
        var model = TestModels.Confounded();
        var engine = InferenceEngine.Create(model);
        var cvdYes = new LevelAssignment(model.IndexOf("cvd"), 1);
        var smokerReferenceNo = new LevelAssignment(model.IndexOf("smoker"), 0);

        // When
        var report = engine.Associations(cvdYes, [smokerReferenceNo]);

        // Then
        Assert.Empty(report.Diagnostics);
        Assert.Equal((0.6 * 0.7 * 0.05) + (0.6 * 0.3 * 0.1) + (0.4 * 0.4 * 0.2) + (0.4 * 0.6 * 0.4), report.OutcomeProbability, 12);
        var smoker = Assert.Single(report.Exposures);
        Assert.True(smoker.IsCause);
        Assert.True(smoker.HasBackdoorPath);
        var yes = Assert.Single(smoker.Levels);
        Assert.Equal(1, yes.Level);
        Assert.Equal(0.42, yes.Probability, 12);

        double p1 = 0.114 / 0.42, p0 = 0.053 / 0.58;
        Assert.Equal(p1, yes.Crude!.ExposedRisk, 12);
        Assert.Equal(p0, yes.Crude.ReferenceRisk, 12);
        Assert.Equal(p1 - p0, yes.Crude.RiskDifference, 12);
        Assert.Equal(p1 / p0, yes.Crude.RiskRatio, 12);
        Assert.Equal(p1 / (1 - p1) / (p0 / (1 - p0)), yes.Crude.OddsRatio, 12);

        Assert.Equal(0.22, yes.Causal.ExposedRisk, 12);
        Assert.Equal(0.11, yes.Causal.ReferenceRisk, 12);
        Assert.Equal(2.0, yes.Causal.RiskRatio, 12);
        Assert.Equal(0.11, yes.Causal.RiskDifference, 12);
    }

    [Fact]
    public void Should_GiveNullCausalEffect_When_ExposureIsNotACause()
    {
        // Given: cvd does not cause smoking, but they are associated
        var model = TestModels.Confounded();
        var engine = InferenceEngine.Create(model);

        // When
        var report = engine.Associations(new LevelAssignment(model.IndexOf("smoker"), 1), [new LevelAssignment(model.IndexOf("cvd"), 0)]);

        // Then
        var cvd = Assert.Single(report.Exposures);
        Assert.False(cvd.IsCause);
        var effect = Assert.Single(cvd.Levels);
        Assert.Equal(1.0, effect.Causal.RiskRatio, 15);
        Assert.Equal(0.0, effect.Causal.RiskDifference, 15);
        Assert.True(effect.Crude!.RiskRatio > 1);
    }

    [Fact]
    public void Should_MatchCrudeAndCausal_When_ThereIsNoConfounding()
    {
        // Given: in asia, smoking is a root, so P(dysp | smoke) = P(dysp | do(smoke))
        var model = TestModels.Asia();
        var engine = InferenceEngine.Create(model);

        // When
        var report = engine.Associations(new LevelAssignment(model.IndexOf("dysp"), 0), [new LevelAssignment(model.IndexOf("smoke"), 1)]);

        // Then
        var smoke = Assert.Single(report.Exposures);
        Assert.False(smoke.HasBackdoorPath);
        var effect = Assert.Single(smoke.Levels);
        Assert.Equal(effect.Crude!.RiskRatio, effect.Causal.RiskRatio, 12);
        Assert.Equal(effect.Crude.OddsRatio, effect.Causal.OddsRatio, 12);
    }

    [Fact]
    public void Should_CutIncomingEdgesAndFixTheLevel_When_Intervening()
    {
        // Given
        var model = TestModels.Confounded();
        var smoker = model.IndexOf("smoker");

        // When
        var intervened = Intervention.Apply(model, smoker, 1);

        // Then: a new model; smoker is a root fixed at yes; the rest untouched; the original unchanged
        Assert.NotSame(model, intervened);
        Assert.Empty(intervened.Variables[smoker].Parents);
        Assert.Equal([0.0, 1.0], ((CptConditional)intervened.Variables[smoker].Conditional).Table.Values.ToArray());
        Assert.Same(model.Variables[model.IndexOf("cvd")], intervened.Variables[model.IndexOf("cvd")]);
        Assert.Single(model.Variables[smoker].Parents);
        Assert.Empty(intervened.Children[model.IndexOf("age")].Where(c => c == smoker));
        var marginal = InferenceEngine.Create(intervened).Query(model.IndexOf("cvd"), Evidence.None);
        Assert.Equal(0.22, marginal.Posterior!.Values[1], 12);
    }
}
