using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using DagSynth.Calibration;
using DagSynth.IO;
using DagSynth.Models;

namespace DagSynth.Benchmarks;

/// <summary>
/// Calibration end to end (<see cref="Calibrator.Solve"/>): a 30-variable mixed model with 20
/// interacting targets (10 exact on its discrete part, 10 simulated: means, a standard deviation,
/// prevalences below numbers, a causal odds ratio) and 20 free numbers; and the cvd-risk example
/// (8 simulated targets). The default simulation: 100,000 rows, a coarse stage on 10,000.
/// </summary>
[MemoryDiagnoser]
public class CalibrationBenchmarks
{
    private Model _mixed = null!;
    private Model _cvd = null!;

    /// <summary>The structure: every {n} is a target value, filled in from <see cref="Truth"/>.</summary>
    internal const string Structure = """
        dagsynth: 1
        name: bench30
        seed: 30
        parameters:
          bmi_base: {fit: true, start: 26}
          sbp_base: {fit: true, start: 120}
          glucose_base: {fit: true, start: 4.5}
        variables:
          sex: {levels: [female, male], probs: [fit, fit]}
          region: {levels: [north, south, west], probs: [fit, fit, 0.3]}
          education:
            levels: [low, mid, high]
            given: [sex]
            table:
              - when: {sex: female}
                probs: [0.3, fit, fit]
              - when: {sex: male}
                probs: [0.35, 0.4, 0.25]
          income:
            type: logistic
            intercept: fit
            odds_ratios: {education: {mid: 1.5, high: 2.5}, region: {south: 0.8}}
          smoker:
            type: logistic
            intercept: fit
            odds_ratios: {sex: {male: fit}, education: {high: 0.6}}
          alcohol:
            type: boolean
            given: [sex]
            table:
              - when: {sex: female}
                probs: [fit, fit]
              - when: {sex: male}
                probs: [0.6, 0.4]
          exercise:
            type: logistic
            intercept: fit
            odds_ratios: {income: 1.8, smoker: 0.7}
          stress:
            type: boolean
            given: [income]
            table:
              - when: {income: false}
                probs: [0.6, 0.4]
              - when: {income: true}
                probs: [0.75, 0.25]
          diet:
            type: ordinal
            levels: [poor, fair, good]
            given: [income]
            table:
              - when: {income: false}
                probs: [0.4, 0.4, 0.2]
              - when: {income: true}
                probs: [0.2, 0.4, 0.4]
          family_history: {type: boolean, probs: [0.8, 0.2]}
          genetic_risk:
            type: logistic
            intercept: fit
            odds_ratios: {family_history: 4}
          insured:
            type: logistic
            intercept: fit
            odds_ratios: {income: 3}
          age: {type: uniform, min: 40, max: 80}
          age_group:
            type: derive
            formula: cut(age, [60], ["40-59", "60-79"])
          bmi:
            type: normal
            mean: bmi_base + 1.5 * (1 - exercise) + 0.04 * (age - 60) - 0.8 * (diet == "good")
            sd: fit(4)
            clip: [15, 60]
          bmi_category:
            type: derive
            formula: cut(bmi, [25, 30], ["normal", "overweight", "obese"])
          sbp:
            type: normal
            mean: sbp_base + 0.45 * (age - 60) + 0.8 * (bmi - 27) + 4 * smoker + 3 * stress
            sd: 15
          chol:
            type: normal
            mean: 195 + 0.3 * (age - 60) + 8 * (diet == "poor")
            sd: 35
          glucose:
            type: lognormal
            meanlog: log(glucose_base) + 0.012 * (bmi - 27) + 0.1 * genetic_risk
            sdlog: 0.15
          hdl:
            type: normal
            mean: 55 - 0.6 * (bmi - 27) + 4 * exercise - 3 * smoker
            sd: 12
          sleep:
            type: normal
            mean: 7 - 0.6 * stress - 0.3 * alcohol
            sd: 1
          high_sbp:
            type: derive
            formula: sbp >= 140
          diabetes:
            type: logistic
            intercept: fit
            odds_ratios: {"glucose - 5": 2.5, bmi_category: {obese: 1.8}}
          hypertension:
            type: logistic
            intercept: fit
            odds_ratios: {"(sbp - 130) / 10": 2.2, "(age - 60) / 10": 1.3}
          treated:
            type: boolean
            given: [hypertension]
            table:
              - when: {hypertension: false}
                probs: [1, 0]
              - when: {hypertension: true}
                probs: [fit, fit]
          chd:
            type: logistic
            intercept: fit
            odds_ratios: {smoker: fit, "(sbp - 130) / 10": 1.3, "(chol - 200) / 40": 1.4, diabetes: 1.9, "(hdl - 50) / 10": 0.8}
          stroke:
            type: logistic
            intercept: fit
            odds_ratios: {"(sbp - 130) / 10": 1.5, "(age - 60) / 10": 1.9, alcohol: 1.2}
          mortality:
            type: logistic
            baseline: 0.03
            odds_ratios: {chd: 3, stroke: 4, "(age - 60) / 10": 2}
          statin:
            type: logistic
            baseline: 0.1
            odds_ratios: {"(chol - 200) / 40": 2, "(age - 60) / 10": 1.5}
          visits:
            type: poisson
            mean: exp(0.5 + 0.4 * chd + 0.3 * stroke + 0.2 * insured)
        rules:
          - never: treated and not hypertension
        targets:
          - probability: {of: {sex: male}, value: {0}}
          - probability: {of: {region: north}, value: {1}}
          - probability: {of: {education: high}, given: {sex: female}, value: {2}}
          - prevalence: {of: income, value: {3}}
          - prevalence: {of: smoker, value: {4}}
          - odds_ratio: {exposure: sex, outcome: smoker, value: {5}}
          - prevalence: {of: alcohol, given: {sex: female}, value: {6}}
          - prevalence: {of: exercise, value: {7}}
          - prevalence: {of: genetic_risk, value: {8}}
          - prevalence: {of: insured, given: {region: south}, value: {9}}
          - mean: {of: bmi, value: {10}}
          - sd: {of: bmi, value: {11}}
          - mean: {of: sbp, value: {12}}
          - mean: {of: glucose, value: {13}}
          - prevalence: {of: diabetes, value: {14}}
          - prevalence: {of: hypertension, given: {age_group: "60-79"}, value: {15}}
          - prevalence: {of: treated, value: {16}}
          - prevalence: {of: chd, value: {17}}
          - odds_ratio: {exposure: smoker, outcome: chd, causal: true, value: {18}}
          - prevalence: {of: stroke, value: {19}}
        """;

    /// <summary>The free numbers' values the targets are computed from, in the problem's order.</summary>
    internal static readonly double[] Truth =
    [
        27.5, 118, 5.2,                     // bmi_base, sbp_base, glucose_base
        0.49, 0.51,                         // sex
        0.4, 0.3,                           // region north, south
        0.45, 0.25,                         // education (female) mid, high
        -0.6,                               // income: intercept
        -1.8, 1.3,                          // smoker: intercept, odds ratio of sex=male
        0.7, 0.3,                           // alcohol (female)
        -0.4,                               // exercise: intercept
        -2.5,                               // genetic_risk: intercept
        0.5,                                // insured: intercept
        5.5,                                // bmi: sd
        -3.2,                               // diabetes: intercept
        -0.3,                               // hypertension: intercept
        0.45, 0.55,                         // treated (hypertension=true)
        -2.6, 1.9,                          // chd: intercept, odds ratio of smoker
        -3.5,                               // stroke: intercept
    ];

    /// <summary>The model with its targets computed at <see cref="Truth"/> on the default simulated rows.</summary>
    internal static Model Mixed()
    {
        var probe = Read(Fill([.. Enumerable.Repeat(0.3, 20)]));
        var truth = probe.Calibration!.Instantiate(Truth).Model ?? throw new InvalidOperationException("the true values make an invalid model");
        var targets = Calibrator.Evaluate(truth).Targets.Select(t => t.Achieved).ToArray();
        return Read(Fill(targets));
    }

    private static string Fill(double[] values)
    {
        var text = new StringBuilder(Structure);
        for (var i = 0; i < values.Length; i++)
        {
            text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", values[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static Model Read(string yaml)
    {
        var result = ModelFile.ReadYaml(new StringReader(yaml), "bench30.yaml");
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }

    [GlobalSetup]
    public void Setup()
    {
        _mixed = Mixed();
        _cvd = SamplingBenchmarks.Load("cvd-risk.yaml");
    }

    /// <summary>30 variables, 20 free numbers, 20 targets (10 exact, 10 simulated).</summary>
    [Benchmark]
    public int Mixed30Variables20Targets() => Check(Calibrator.Solve(_mixed));

    /// <summary>The cvd-risk example: 17 variables, 8 free numbers, 8 simulated targets.</summary>
    [Benchmark]
    public int CvdRiskExample() => Check(Calibrator.Solve(_cvd));

    private static int Check(CalibrationResult result) =>
        result.Succeeded ? result.Iterations : throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
}
