using System.Text;
using DagSynth.Calibration;
using DagSynth.IO.Formats;
using DagSynth.IO.Yaml;
using DagSynth.Models;

namespace DagSynth.IO.Tests;

/// <summary>Free parameters and targets read from YAML and JSON, and the calibrated model written back into the same text.</summary>
[Trait("Category", "Unit")]
public sealed class CalibratedModelTextTests
{
    private const string Yaml = """
        # A model with every way to write a free number.
        dagsynth: 1
        parameters:
          p_smoke: {fit: true, start: 0.2, min: 0, max: 1}   # flow mapping
          q_smoke: 1 - p_smoke
          shift:                                             # block mapping
            fit: true
            start: 1
          slope: fit(0.5)                                    # a fit token as a parameter
        variables:
          smoker: {type: boolean, probs: [q_smoke, p_smoke]}
          group:
            levels: [a, b, c]
            probs: [fit, 0.2, fit]     # two cells share 0.8
          outcome:
            type: logistic
            intercept: fit             # the log-odds when every term is 0
            odds_ratios:
              smoker: fit(2)
              group: {c: 1.5}
          score:
            type: normal
            mean: shift + slope * smoker
            sd: 1
        targets:
          - prevalence: {of: smoker, value: 0.25}
          - probability: {of: {group: a}, value: 0.3}
          - prevalence: {of: outcome, value: 0.1}
          - odds_ratio: {exposure: smoker, outcome: outcome, value: 3}
          - mean: {of: score, given: {smoker: false}, value: 2, tolerance: 0.01}
          - mean: {of: score, given: {smoker: true}, value: 3, tolerance: 0.01}
        """;

    private static Model Read(string text, string name = "model.yaml")
    {
        var result = ModelFile.Read(Encoding.UTF8.GetBytes(text), name, ModelFormats.FromExtension(name)!.Value);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    [Fact]
    public void Should_ReadFreeParametersAndTargetsWithTheirPlaces_When_TheModelIsYaml()
    {
        // When
        var model = Read(Yaml);

        // Then
        var problem = model.Calibration!;
        Assert.Equal(
            ["p_smoke", "shift", "slope", "group: P(a)", "group: P(c)", "outcome: intercept", "outcome: odds ratio of smoker"],
            problem.Parameters.Select(p => p.Name));
        Assert.Equal([0.2, 1, 0.5, 0.4, 0.4, 0, 2], problem.StartValues);
        Assert.Equal(new Diagnostics.SourceSpan("model.yaml", 4, 12), problem.Parameters[0].Location);
        Assert.Equal(new Diagnostics.SourceSpan("model.yaml", 14, 13), problem.Parameters[3].Location);
        Assert.Equal(6, problem.Targets.Length);
        Assert.Equal("mean(score | smoker=true)", problem.Targets[5].Label);
        Assert.True(model.HasFreeParameters);
    }

    [Fact]
    public void Should_FillInTheSolvedValuesAndKeepEverythingElse_When_TheCalibratedModelIsWritten()
    {
        // Given
        var model = Read(Yaml);
        var result = Calibrator.Solve(model, new CalibrationOptions { SimulationRows = 10_000 });
        Assert.Equal(CalibrationStatus.Solved, result.Status);

        // When
        var (text, diagnostics) = CalibratedModelText.Fill(Yaml, "model.yaml", result.Parameters);

        // Then: comments, order and targets kept; no fit left; it reads back to the calibrated numbers exactly
        Assert.Empty(diagnostics);
        Assert.NotNull(text);
        Assert.DoesNotContain(": fit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[fit", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" fit,", text, StringComparison.Ordinal);
        Assert.Contains("# a fit token as a parameter", text, StringComparison.Ordinal);
        Assert.Contains("# the log-odds when every term is 0", text, StringComparison.Ordinal);
        Assert.Contains("# two cells share 0.8", text, StringComparison.Ordinal);
        Assert.Contains("  - odds_ratio: {exposure: smoker, outcome: outcome, value: 3}", text, StringComparison.Ordinal);
        Assert.Contains($"  p_smoke: {result.Parameters[0].Value:R}   # flow mapping", text, StringComparison.Ordinal);
        Assert.Contains($"  shift: {result.Parameters[1].Value:R}\n  slope:", text, StringComparison.Ordinal);
        var written = Read(text);
        Assert.False(written.HasFreeParameters);
        Assert.Equal(result.Model.Parameters, written.Parameters);
        var check = Calibrator.Evaluate(written, new CalibrationOptions { SimulationRows = 10_000 });
        Assert.Equal(CalibrationStatus.Solved, check.Status);
        Assert.Equal(result.Targets.Select(t => t.Achieved), check.Targets.Select(t => t.Achieved));
    }

    [Fact]
    public void Should_ReadAndFillQuotedFitTokens_When_TheModelIsJson()
    {
        // Given: JSON has no bare words, so fit is quoted, in probabilities too
        const string Json = """
            {"dagsynth": 1,
             "variables": {
               "a": {"type": "boolean", "probs": ["fit", "fit"]},
               "b": {"type": "logistic", "intercept": "fit(-1)", "odds_ratios": {"a": "fit"}}},
             "targets": [
               {"prevalence": {"of": "a", "value": 0.4}},
               {"prevalence": {"of": "b", "value": 0.2}},
               {"risk_difference": {"exposure": "a", "outcome": "b", "value": 0.1}}]}
            """;
        var model = Read(Json, "model.json");
        var result = Calibrator.Solve(model);
        Assert.Equal(CalibrationStatus.Solved, result.Status);

        // When
        var (text, diagnostics) = CalibratedModelText.Fill(Json, "model.json", result.Parameters);

        // Then
        Assert.Empty(diagnostics);
        var written = Read(text!, "model.json");
        Assert.False(written.HasFreeParameters);
        Assert.Equal(0.1, Calibrator.Evaluate(written).Targets[2].Achieved, 1e-6);
    }

    [Fact]
    public void Should_Refuse_When_TheTextNoLongerHasTheTokens()
    {
        // Given
        var model = Read(Yaml);
        var result = Calibrator.Solve(model, new CalibrationOptions { SimulationRows = 10_000 });

        // When: the file was edited after it was read
        var (text, diagnostics) = CalibratedModelText.Fill("\n\n" + Yaml, "model.yaml", result.Parameters);

        // Then
        Assert.Null(text);
        Assert.Contains(diagnostics, d => d.Code == Diagnostics.DiagnosticCodes.CannotWrite && d.Message.Contains("may have changed", StringComparison.Ordinal));
    }
}
