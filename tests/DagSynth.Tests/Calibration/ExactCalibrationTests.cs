using System.Globalization;
using DagSynth.Calibration;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Calibration;

/// <summary>Calibration of targets on the discrete part: exact inference, met to 1e-6, with the documented diagnostics.</summary>
[Trait("Category", "Unit")]
public sealed class ExactCalibrationTests
{
    private const string Clinic = """
        dagsynth: 1
        variables:
          age_group: {levels: [young, old], probs: [fit, fit]}
          smoker:
            type: boolean
            given: [age_group]
            table:
              - when: {age_group: young}
                probs: [fit, fit]
              - when: {age_group: old}
                probs: [0.8, 0.2]
          disease:
            type: logistic
            intercept: fit
            odds_ratios: {smoker: fit, age_group: {old: 3.0}}
          treated:
            type: boolean
            given: [disease]
            table:
              - when: {disease: false}
                probs: [1, 0]
              - when: {disease: true}
                probs: [fit, fit]
        rules:
          - never: treated and not disease
        """;

    /// <summary>The clinic with five exact targets, one for each degree of freedom of its eight fit tokens (three rows hold two each).</summary>
    private const string ClinicWithTargets = Clinic + "\n" + """
        targets:
          - probability: {of: {age_group: old}, value: 0.4}
          - prevalence: {of: smoker, given: {age_group: young}, value: 0.3}
          - prevalence: {of: disease, value: 0.15}
          - odds_ratio: {exposure: smoker, outcome: disease, causal: true, value: 2.5}
          - prevalence: {of: treated, value: 0.09}
        """;

    public sealed class TheSolveMethod
    {
        [Fact]
        public void Should_MeetEveryTargetTo1e6_When_TheyCanBeMetTogether()
        {
            // Given: five targets of four kinds, five free numbers, interacting through the graph
            var model = MixedModels.Read(ClinicWithTargets);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            Assert.All(result.Targets, t =>
            {
                Assert.True(t.Target.IsExact, t.Target.Label);
                Assert.True(Math.Abs(t.Achieved - t.Target.Value) <= 1e-6, $"{t.Target.Label}: {t.Achieved} for {t.Target.Value}");
                Assert.Equal(0, t.StandardError);
            });
            Assert.Equal(0, result.SimulationRows);
            Assert.Empty(result.Diagnostics);
            Assert.All(result.Parameters, p => Assert.True(p.IsDetermined, p.Parameter.Name));
        }

        [Fact]
        public void Should_AgreeWithIndependentInference_When_TheCalibratedModelIsQueried()
        {
            // Given
            var model = MixedModels.Read(ClinicWithTargets);

            // When
            var calibrated = Calibrator.Solve(model).Model;

            // Then: the inference engine, used directly, finds the targets in the calibrated model
            var engine = InferenceEngine.Create(calibrated);
            var marginals = engine.Marginals();
            Assert.Equal(0.4, marginals.Marginals[0][1], 1e-6);
            Assert.Equal(0.15, marginals.Marginals[2][1], 1e-6);
            Assert.Equal(0.09, marginals.Marginals[3][1], 1e-6);
            var smokerYoung = engine.Query(1, Evidence.Of(new LevelAssignment(0, 0))).Posterior!.Values[1];
            Assert.Equal(0.3, smokerYoung, 1e-6);
            var association = engine.Associations(new LevelAssignment(2, 1), [new LevelAssignment(1, 0)]);
            Assert.Equal(2.5, association.Exposures[0].Levels[0].Causal.OddsRatio, 1e-6);
        }

        [Fact]
        public void Should_KeepStructuralZerosAndRules_When_RowsAreFree()
        {
            // Given: treated is impossible without disease, and its other row is free
            var model = MixedModels.Read(ClinicWithTargets);

            // When
            var calibrated = Calibrator.Solve(model).Model;

            // Then: the zero is exactly zero, every free cell is strictly between 0 and 1, the rule is proven
            var table = ((CptConditional)calibrated["treated"].Conditional).Table;
            Assert.Equal(0.0, table.Row(0)[1]);
            Assert.Equal(1.0, table.Row(0)[0]);
            Assert.InRange(table.Row(1)[1], 1e-12, 1 - 1e-12);
            Assert.Equal(1.0, table.Row(1)[0] + table.Row(1)[1], 1e-15);
            var proofs = InferenceEngine.Create(calibrated).ProveRules();
            Assert.All(proofs.Proofs, p => Assert.True(p.IsProven));
        }

        [Fact]
        public void Should_RecoverTheParameters_When_TheTargetsComeFromKnownValues()
        {
            // Given: risk ratio, risk difference, AUC and correlation computed from known values...
            const string Structure = """
                dagsynth: 1
                variables:
                  exposure: {type: boolean, probs: [fit(0.5), fit(0.5)]}
                  confounder: {type: boolean, probs: [0.6, 0.4]}
                  outcome:
                    type: logistic
                    intercept: fit
                    odds_ratios: {exposure: fit, confounder: fit}
                  marker:
                    type: boolean
                    given: [outcome]
                    table:
                      - when: {outcome: false}
                        probs: [0.9, 0.1]
                      - when: {outcome: true}
                        probs: [fit, fit]
                targets:
                  - prevalence: {of: exposure, value: {0}}
                  - risk_ratio: {exposure: exposure, outcome: outcome, value: {1}}
                  - risk_difference: {exposure: confounder, outcome: outcome, value: {2}}
                  - auc: {outcome: outcome, value: {3}}
                  - correlation: {of: [outcome, marker], value: {4}}
                """;
            var truth = new[] { 0.7, 0.3, -1.5, 2.2, 1.7, 0.25, 0.75 };
            var probe = MixedModels.Read(Fill(Structure, 0.5, 1.5, 0.05, 0.6, 0.3));
            var atTruth = Calibrator.Evaluate(probe.Calibration!.Instantiate(truth).Model!);
            var model = MixedModels.Read(Fill(Structure, [.. atTruth.Targets.Select(t => t.Achieved)]));

            // When: solved from other start values
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            Assert.All(result.Targets, t => Assert.True(Math.Abs(t.Achieved - t.Target.Value) <= 1e-6, $"{t.Target.Label}: {t.Achieved} for {t.Target.Value}"));
            for (var i = 0; i < truth.Length; i++)
            {
                Assert.Equal(truth[i], result.Parameters[i].Value, 1e-4);
            }
        }

        [Fact]
        public void Should_FreeTheNumbersOfRegressionNodes_When_TheyAreWrittenFit()
        {
            // Given: an ordinal baseline (a row), multinomial intercepts, a noisy-OR leak and cause
            var model = MixedModels.Read("""
                dagsynth: 1
                variables:
                  exposed: {type: boolean, probs: [0.6, 0.4]}
                  severity:
                    type: ordinal
                    levels: [mild, moderate, severe]
                    baseline: [fit, fit, fit]
                    odds_ratios: {exposed: 2}
                  stage:
                    type: multinomial
                    levels: [I, II, III]
                    intercepts: {II: fit, III: fit(-1)}
                    odds_ratios: {III: {exposed: 1.5}}
                  symptom:
                    type: noisy_or
                    leak: fit(0.05)
                    causes: {exposed: fit, "severity == 'severe'": 0.3}
                targets:
                  - probability: {of: {severity: mild}, value: 0.5}
                  - probability: {of: {severity: severe}, value: 0.2}
                  - probability: {of: {stage: II}, value: 0.3}
                  - probability: {of: {stage: III}, value: 0.25}
                  - prevalence: {of: symptom, given: {exposed: false, severity: [mild, moderate]}, value: 0.04}
                  - risk_ratio: {exposure: exposed, outcome: symptom, value: 3}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            Assert.All(result.Targets, t => Assert.True(Math.Abs(t.Achieved - t.Target.Value) <= 1e-6 * Math.Max(1, t.Target.Value), $"{t.Target.Label}: {t.Achieved}"));
            Assert.Equal(
                ["severity: baseline P(mild)", "severity: baseline P(moderate)", "severity: baseline P(severe)", "stage: intercept of II", "stage: intercept of III", "symptom: leak", "symptom: P(cause exposed)"],
                result.Parameters.Select(p => p.Parameter.Name));
            Assert.Equal(0.04, result.Parameters[5].Value, 1e-6);
            Assert.Equal(1, result.Parameters.Take(3).Sum(p => p.Value), 1e-12);
        }

        [Fact]
        public void Should_KeepARowSummingToOne_When_ANamedParameterIsFree()
        {
            // Given: a bounded free parameter used as an expression inside a probability row
            var model = MixedModels.Read("""
                dagsynth: 1
                parameters:
                  p_smoke: {fit: true, start: 0.5, min: 0, max: 1}
                  p_other: 1 - p_smoke
                variables:
                  smoker: {type: boolean, probs: [p_other, p_smoke]}
                targets:
                  - prevalence: {of: smoker, value: 0.137}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            Assert.Equal(0.137, result.Parameters[0].Value, 1e-6);
            Assert.Equal(0.137, result.Model.Parameters.Single(p => p.Key == "p_smoke").Value, 1e-6);
            Assert.Equal(0.863, result.Model.Parameters.Single(p => p.Key == "p_other").Value, 1e-6);
        }

        [Fact]
        public void Should_GiveTheSameValuesToTheLastBit_When_RunTwice()
        {
            // Given
            var model = MixedModels.Read(Clinic + "\n" + """
                targets:
                  - prevalence: {of: disease, value: 0.15}
                  - prevalence: {of: treated, value: 0.09}
                  - probability: {of: {age_group: old}, value: 0.4}
                  - prevalence: {of: smoker, given: {age_group: young}, value: 0.3}
                  - odds_ratio: {exposure: smoker, outcome: disease, value: 2}
                """);

            // When
            var first = Calibrator.Solve(model);
            var second = Calibrator.Solve(model);

            // Then
            Assert.Equal(first.Parameters.Select(p => p.Value), second.Parameters.Select(p => p.Value));
        }

        private static string Fill(string template, params double[] values) =>
            string.Format(CultureInfo.InvariantCulture, template.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal)
                .Replace("{{0}}", "{0:R}", StringComparison.Ordinal).Replace("{{1}}", "{1:R}", StringComparison.Ordinal).Replace("{{2}}", "{2:R}", StringComparison.Ordinal)
                .Replace("{{3}}", "{3:R}", StringComparison.Ordinal).Replace("{{4}}", "{4:R}", StringComparison.Ordinal), [.. values.Cast<object>()]);
    }

    public sealed class TheDiagnostics
    {
        [Fact]
        public void Should_NameTheConflictingTargetsAndTheClosestValues_When_TheyCannotBeMetTogether()
        {
            // Given: nobody is treated without the disease, yet more are to be treated than have it
            var model = MixedModels.Read(Clinic + "\n" + """
                targets:
                  - probability: {of: {age_group: old}, value: 0.4}
                  - prevalence: {of: disease, value: 0.10}
                  - prevalence: {of: treated, value: 0.20}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then: DS0520 names the two targets; the closest compromise treats almost every case
            Assert.Equal(CalibrationStatus.Infeasible, result.Status);
            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Equal(DiagnosticCodes.TargetsInfeasible, error.Code);
            Assert.Contains("cannot be met together", error.Message, StringComparison.Ordinal);
            Assert.Contains("P(disease=true)", error.Message, StringComparison.Ordinal);
            Assert.Contains("P(treated=true)", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("age_group", error.Message, StringComparison.Ordinal);
            Assert.Equal([1, 2], Assert.Single(result.Conflicts));
            Assert.True(result.Targets[0].IsMet);
            var disease = result.Targets[1].Achieved;
            var treated = result.Targets[2].Achieved;
            Assert.True(treated <= disease + 1e-12, "treated never exceeds disease");
            Assert.InRange(disease, 0.1, 0.2);
        }

        [Fact]
        public void Should_SayNoFreeParameterAffectsIt_When_ATargetReadsOnlyFixedNumbers()
        {
            // Given
            var model = MixedModels.Read("""
                dagsynth: 1
                variables:
                  a: {type: boolean, probs: [0.7, 0.3]}
                  b:
                    type: boolean
                    given: [a]
                    table:
                      - default: [fit, fit]
                targets:
                  - prevalence: {of: a, value: 0.5}
                  - prevalence: {of: b, value: 0.2}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Infeasible, result.Status);
            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Equal(DiagnosticCodes.TargetsInfeasible, error.Code);
            Assert.Contains("P(a=true) cannot be met: requested 0.5, the closest achievable is 0.3", error.Message, StringComparison.Ordinal);
            Assert.Contains("no free parameter affects it", error.Hint, StringComparison.Ordinal);
            Assert.True(result.Targets[1].IsMet);
        }

        [Fact]
        public void Should_SayTheBoundsAreReached_When_ATargetIsOutOfReachAlone()
        {
            // Given: an odds ratio bounded to [1, 2] cannot reach 5
            var model = MixedModels.Read("""
                dagsynth: 1
                parameters:
                  or_x: {fit: true, start: 1.5, min: 1, max: 2}
                variables:
                  x: {type: boolean, probs: [0.5, 0.5]}
                  y:
                    type: logistic
                    baseline: 0.2
                    odds_ratios: {x: or_x}
                targets:
                  - odds_ratio: {exposure: x, outcome: y, value: 5}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Infeasible, result.Status);
            var error = Assert.Single(result.Diagnostics, d => d.IsError);
            Assert.Contains("cannot be met: requested 5, the closest achievable is 2", error.Message, StringComparison.Ordinal);
            Assert.Contains("edge of their domains", error.Hint, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_WarnAboutAParameter_When_NoTargetDependsOnIt()
        {
            // Given
            var model = MixedModels.Read("""
                dagsynth: 1
                variables:
                  a: {type: boolean, probs: [fit, fit]}
                  b: {type: boolean, probs: [fit, fit]}
                targets:
                  - prevalence: {of: a, value: 0.25}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            var warning = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.ParameterUndetermined, warning.Code);
            Assert.False(warning.IsError);
            Assert.Contains("no target depends on the free parameter b: P(false)", warning.Message, StringComparison.Ordinal);
            Assert.Equal([true, true, false, false], result.Parameters.Select(p => p.IsDetermined));
            Assert.Equal(0.5, result.Parameters[3].Value);
        }

        [Fact]
        public void Should_WarnAboutParametersDeterminedOnlyTogether_When_TwoTermsAreTheSame()
        {
            // Given: two odds ratios of the same term; only their product is determined
            var model = MixedModels.Read("""
                dagsynth: 1
                variables:
                  x: {type: boolean, probs: [0.5, 0.5]}
                  y:
                    type: logistic
                    baseline: 0.2
                    odds_ratios: {x: fit, "x * 1": fit}
                targets:
                  - odds_ratio: {exposure: x, outcome: y, value: 3}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Solved, result.Status);
            Assert.Equal(3, result.Parameters[0].Value * result.Parameters[1].Value, 1e-6);
            var warning = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.ParameterUndetermined, warning.Code);
            Assert.Contains("only combinations of the free parameters y: odds ratio of x, y: odds ratio of x * 1", warning.Message, StringComparison.Ordinal);
            Assert.All(result.Parameters, p => Assert.False(p.IsDetermined));
        }

        [Fact]
        public void Should_ReportAnUndefinedTarget_When_ItsStratumIsImpossible()
        {
            // Given: nobody is treated without the disease
            var model = MixedModels.Read(Clinic + "\n" + """
                targets:
                  - prevalence: {of: smoker, given: {treated: true, disease: false}, value: 0.3}
                """);

            // When
            var result = Calibrator.Solve(model);

            // Then
            Assert.Equal(CalibrationStatus.Failed, result.Status);
            var error = Assert.Single(result.Diagnostics);
            Assert.Equal(DiagnosticCodes.TargetUndefined, error.Code);
            Assert.Contains("has probability 0", error.Message, StringComparison.Ordinal);
        }
    }

    public sealed class TheEvaluateMethod
    {
        [Fact]
        public void Should_ReportTargetsWithoutChangingAnything_When_TheModelHasNoFreeParameter()
        {
            // Given
            var model = MixedModels.Read("""
                dagsynth: 1
                variables:
                  a: {type: boolean, probs: [0.7, 0.3]}
                targets:
                  - prevalence: {of: a, value: 0.3}
                  - prevalence: {of: a, value: 0.31, tolerance: 0.005}
                  - prevalence: {of: a, value: 0.4}
                """);

            // When
            var result = Calibrator.Evaluate(model);

            // Then
            Assert.Equal(CalibrationStatus.Infeasible, result.Status);
            Assert.Equal([true, false, false], result.Targets.Select(t => t.IsMet));
            Assert.All(result.Targets, t => Assert.Equal(0.3, t.Achieved, 1e-15));
        }
    }
}
