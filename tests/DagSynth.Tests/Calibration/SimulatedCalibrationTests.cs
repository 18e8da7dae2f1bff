using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Models;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Calibration;

/// <summary>
/// Calibration of targets exact inference does not cover (numbers, and discrete variables below
/// them): a fixed-seed simulation with common random numbers, so the result is deterministic.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SimulatedCalibrationTests
{
    /// <summary>A small mixed model: seven free numbers, seven targets of six kinds, one of them exact.</summary>
    internal const string Structure = """
        dagsynth: 1
        seed: 11
        parameters:
          sbp_base: {fit: true, start: 120}
          sbp_per_year: {fit: true, start: 0.3, min: 0, max: 5}
        variables:
          sex: {levels: [female, male], probs: [fit, fit]}
          age: {type: uniform, min: 40, max: 80}
          age_group:
            type: derive
            formula: cut(age, [60], ["40-59", "60-79"])
          smoker:
            type: logistic
            intercept: fit
            odds_ratios: {"(age - 60) / 10": 0.8, sex: {male: 1.3}}
          sbp:
            type: normal
            mean: sbp_base + sbp_per_year * (age - 60) + 5 * smoker
            sd: fit(10)
          cvd:
            type: logistic
            intercept: fit
            odds_ratios: {smoker: fit, "(sbp - 130) / 10": fit}
        targets:
          - probability: {of: {sex: male}, value: {0}}
          - prevalence: {of: smoker, value: {1}}
          - mean: {of: sbp, value: {2}}
          - sd: {of: sbp, value: {3}}
          - correlation: {of: [age, sbp], value: {4}}
          - prevalence: {of: cvd, given: {age_group: "60-79"}, value: {5}}
          - odds_ratio: {exposure: smoker, outcome: cvd, causal: true, value: {6}}
          - auc: {outcome: cvd, value: {7}}
        """;

    /// <summary>The values the targets are computed from: sbp_base, sbp_per_year, P(female), P(male), the intercepts and odds ratios.</summary>
    internal static readonly double[] Truth = [126, 0.45, 0.49, 0.51, -1.3, 13, -2.4, 1.9, 1.6];

    /// <summary>The model with targets that the true values meet on the simulated rows of <paramref name="options"/>.</summary>
    internal static Model Model(CalibrationOptions options)
    {
        var probe = MixedModels.Read(Fill(0.5, 0.2, 128, 15, 0.4, 0.15, 2, 0.7));
        var atTruth = Calibrator.Evaluate(probe.Calibration!.Instantiate(Truth).Model!, options);
        return MixedModels.Read(Fill([.. atTruth.Targets.Select(t => t.Achieved)]));
    }

    private static string Fill(params double[] values)
    {
        var text = Structure;
        for (var i = 0; i < values.Length; i++)
        {
            text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", values[i].ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly CalibrationOptions Small = new() { SimulationRows = 20_000 };

    [Fact]
    public void Should_MeetSimulatedTargetsWithinTheirTolerance_When_TheyCanBeMetTogether()
    {
        // Given
        var model = Model(Small);

        // When
        var result = Calibrator.Solve(model, Small);

        // Then: every target met, simulated ones with a standard error, the exact one exactly
        Assert.Equal(CalibrationStatus.Solved, result.Status);
        Assert.Equal(20_000, result.SimulationRows);
        Assert.Equal(11UL, result.Seed);
        Assert.All(result.Targets, t =>
        {
            Assert.True(t.IsMet, $"{t.Target.Label}: {t.Achieved} for {t.Target.Value}");
            Assert.True(Math.Abs(t.Target.Residual(t.Achieved)) <= 0.1, t.Target.Label);
            if (t.Target.IsExact)
            {
                Assert.Equal(0, t.StandardError);
            }
            else
            {
                Assert.InRange(t.StandardError, 1e-9, 1);
            }
        });
        Assert.True(result.Targets[0].Target.IsExact);
        Assert.Equal(1, result.Targets.Count(t => t.Target.IsExact));

        // The true values meet the targets on these rows, and the targets determine them.
        for (var i = 0; i < Truth.Length; i++)
        {
            Assert.Equal(Truth[i], result.Parameters[i].Value, Math.Abs(Truth[i]) * 0.02);
        }
    }

    [Fact]
    public void Should_GiveTheSameValuesToTheLastBit_When_TheThreadCountDiffers()
    {
        // Given
        var model = Model(Small);

        // When
        var one = Calibrator.Solve(model, Small with { Threads = 1 });
        var two = Calibrator.Solve(model, Small with { Threads = 2 });

        // Then
        Assert.Equal(one.Parameters.Select(p => p.Value), two.Parameters.Select(p => p.Value));
        Assert.Equal(one.Targets.Select(t => t.Achieved), two.Targets.Select(t => t.Achieved));
        Assert.Equal(one.Targets.Select(t => t.StandardError), two.Targets.Select(t => t.StandardError));
    }

    [Fact]
    public void Should_ReportConflictingSimulatedTargets_When_CrudeAndCausalOddsRatiosMustBeEqual()
    {
        // Given: age confounds smoking and cvd (through sbp), so the crude and causal odds ratios differ
        var model = MixedModels.Read("""
            dagsynth: 1
            seed: 3
            variables:
              age: {type: uniform, min: 40, max: 80}
              smoker:
                type: logistic
                baseline: 0.2
                odds_ratios: {"(age - 60) / 10": 0.5}
              sbp:
                type: normal
                mean: 125 + 0.8 * (age - 60)
                sd: 12
              cvd:
                type: logistic
                intercept: fit
                odds_ratios: {smoker: fit, "(sbp - 130) / 10": 1.5}
            targets:
              - odds_ratio: {exposure: smoker, outcome: cvd, value: 2}
              - odds_ratio: {exposure: smoker, outcome: cvd, value: 2, causal: true}
            """);

        // When
        var result = Calibrator.Solve(model, Small);

        // Then
        Assert.Equal(CalibrationStatus.Infeasible, result.Status);
        Assert.Equal([0, 1], Assert.Single(result.Conflicts));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Contains("cannot be met together: OR(cvd=true; smoker=true vs false)", error.Message, StringComparison.Ordinal);
        Assert.Contains("OR(cvd=true; do(smoker=true) vs do(smoker=false))", error.Message, StringComparison.Ordinal);
        Assert.True(result.Targets[0].Achieved < 2, "crude below, causal above: confounding by age makes smokers look safer");
        Assert.True(result.Targets[1].Achieved > 2);
    }

    [Fact]
    public void Should_StopWithADiagnostic_When_TheStartValuesBreakADomainOnSomeRows()
    {
        // Given: at the start, the standard deviation is negative for everyone under 50
        var model = MixedModels.Read("""
            dagsynth: 1
            parameters:
              slope: fit(1)
            variables:
              age: {type: uniform, min: 40, max: 80}
              x:
                type: normal
                mean: 0
                sd: slope * (age - 50)
            targets:
              - sd: {of: x, value: 5}
            """);

        // When
        var result = Calibrator.Solve(model, Small);

        // Then
        Assert.Equal(CalibrationStatus.Failed, result.Status);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DagSynth.Diagnostics.DiagnosticCodes.CalibrationFailed, error.Code);
        Assert.Contains("'x': sd is -", error.Message, StringComparison.Ordinal);
        Assert.Contains("start values", error.Hint, StringComparison.Ordinal);
    }
}
