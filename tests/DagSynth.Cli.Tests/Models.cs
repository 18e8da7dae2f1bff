namespace DagSynth.Cli.Tests;

/// <summary>Small models used by the CLI tests.</summary>
internal static class Models
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
}
