namespace DagSynth.IO.Tests.Outputs;

/// <summary>Models for the teaching-output tests.</summary>
internal static class TeachingModels
{
    /// <summary>Every missingness mechanism, numbers, a date, levels and dirty data of every kind.</summary>
    public const string Clinic = """
        dagsynth: 1
        name: clinic
        seed: 7
        variables:
          sex:
            levels: [female, male]
            probs: [0.5, 0.5]
          age:
            type: normal
            mean: 55
            sd: 10
            round: 0
            missing: {mcar: 0.1}
          weight:
            type: normal
            mean: 70 + 10 * (sex == "male")
            sd: 12
            round: 1
            unit: kg
            missing: {mar: {baseline: 0.05, odds_ratios: {sex: {male: 4}}}}
          sbp:
            type: normal
            mean: 120 + 0.5 * (age - 55)
            sd: 15
            round: 0
            missing: {mnar: {baseline: 0.02, odds_ratios: {"sbp > 140": 5}}}
          smoker:
            type: logistic
            baseline: 0.2
            odds_ratios: {sex: {male: 1.5}}
            missing: 0.05
          high_sbp:
            type: derive
            formula: sbp > 140
          visit:
            type: date
            min: date("2024-01-01")
            max: date("2024-06-30")
        rules:
          - never: high_sbp and sbp <= 140
        dirty:
          typos: 0.03
          capitalization: 0.03
          unit_slips: 0.03
          out_of_range: 0.02
          swapped_dates: 0.1
          duplicates: 0.03
          near_duplicates: 0.03
        """;

    public static DagSynth.Models.Model Load(string yaml)
    {
        var result = ModelFile.ReadYaml(new StringReader(yaml), "test.yaml");
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
