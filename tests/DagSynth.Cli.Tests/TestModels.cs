namespace DagSynth.Cli.Tests;

/// <summary>Small models used by the CLI tests.</summary>
internal static class TestModels
{
    public const string Treatment = """
        dagsynth: 1
        name: treatment
        seed: 3
        variables:
          hypertension:
            type: boolean
            probs: [0.6, 0.4]
          treated:
            type: boolean
            given: [hypertension]
            table:
              - when: {hypertension: false}
                probs: [1, 0]
              - when: {hypertension: true}
                probs: [0.4, 0.6]
          "region, zone":
            levels: [north, "south, east", "say \"hi\""]
            probs: [0.2, 0.3, 0.5]
        rules:
          - never: treated and not hypertension
        """;

    /// <summary>The rule forbids something the table allows: generation must stop.</summary>
    public const string BrokenRule = """
        dagsynth: 1
        variables:
          hypertension:
            type: boolean
            probs: [0.6, 0.4]
          treated:
            type: boolean
            given: [hypertension]
            table:
              - when: {hypertension: false}
                probs: [0.99, 0.01]
              - when: {hypertension: true}
                probs: [0.4, 0.6]
        rules:
          - never: treated and not hypertension
        """;

    public const string Invalid = """
        dagsynth: 1
        variables:
          a:
            levels: [x, y]
            probs: [0.5, 0.6]
        """;

    /// <summary>sd is negative for ages below 45: only some rows can show it, so generation must stop there.</summary>
    public const string NegativeSdForSomeRows = """
        dagsynth: 1
        seed: 1
        variables:
          age: {type: uniform, min: 40, max: 80, round: 0}
          sbp: {type: normal, mean: 120, sd: age - 45}
        """;

    /// <summary>Every kind of column, for format and determinism tests.</summary>
    public const string Mixed = """
        dagsynth: 1
        name: mixed
        seed: 11
        reference_date: 2024-06-30
        variables:
          id: {type: id, pattern: "P######", order: shuffled}
          sex: {levels: [female, male], probs: [0.5, 0.5]}
          name: {type: fake, field: full_name, sex: sex}
          age: {type: uniform, min: 40, max: 80, round: 0}
          bmi: {type: lognormal, mean: 28, sd: 5, round: 1}
          band: {type: derive, formula: 'cut(bmi, [25, 30], ["normal", "over", "obese"])'}
          sbp: {type: normal, mean: 110 + 0.5 * (age - 40), sd: 12}
          smoker: {type: logistic, baseline: 0.15, odds_ratios: {sex: {male: 1.4}}}
          visits: {type: poisson, mean: 2}
          born: {type: date, min: reference_date - years(age + 1) + 1, max: reference_date - years(age)}
        """;
}
