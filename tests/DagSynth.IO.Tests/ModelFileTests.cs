using DagSynth.IO;
using DagSynth.Models;

namespace DagSynth.IO.Tests;

[Trait("Category", "Unit")]
public sealed class ModelFileTests
{
    private static Model Features()
    {
        var result = ModelFile.Read(Path.Combine(ModelFileDiagnosticsTests.ModelsDirectory("Valid"), "features.yaml"));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    [Fact]
    public void Should_ReadEveryPartOfTheCoreVocabulary_When_TheModelIsValid()
    {
        var model = Features();

        Assert.Equal("features", model.Name);
        Assert.Equal(99UL, model.Seed);
        Assert.Equal(6, model.Variables.Length);
        Assert.Equal(VariableKind.Ordinal, model["age_group"].Kind);
        Assert.Equal(VariableKind.Boolean, model["smoker"].Kind);
        Assert.Equal(["false", "true"], model["smoker"].Levels);
        Assert.Equal(2, model.Rules.Length);
        Assert.Equal(["<5", "12+", "Yes", "yes", "a \"quoted\" level"], model["weird name, with comma"].Levels);
    }

    [Fact]
    public void Should_ResolveParametersAndMaps_When_ReadingProbabilities()
    {
        var smoker = ((CptConditional)Features()["smoker"].Conditional).Table;
        Assert.Equal([0.87, 0.13, 0.85, 0.15], smoker.Values.ToArray());
    }

    [Fact]
    public void Should_ApplyTheMostSpecificEntryThenTheDefault_When_CoveringConfigurations()
    {
        // age_group x smoker, last parent fastest: (40-49,F) (40-49,T) (50-59,F) (50-59,T) (60-69,F) ...
        var table = ((CptConditional)Features()["hypertension"].Conditional).Table;
        double[][] expected =
        [
            [0.70, 0.30], [0.70, 0.30],
            [0.55, 0.45], [0.40, 0.60],
            [0.40, 0.60], [0.20, 0.80],
            [0.40, 0.60], [0.20, 0.80],
        ];
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r], table.Row(r).ToArray());
        }
    }

    [Fact]
    public void Should_Rescale_When_NormalizeIsSet()
    {
        var table = ((CptConditional)Features()["treated"].Conditional).Table;
        Assert.Equal([1.0, 0.0, 0.4, 0.6], table.Values.ToArray());
    }

    [Fact]
    public void Should_ReadTheSameModel_When_WrittenAsJson()
    {
        // Given: asia-like fragment in JSON, the same structure as YAML
        const string Json = """
            {
              "dagsynth": 1,
              "name": "json",
              "variables": {
                "smoke": { "levels": ["yes", "no"], "probs": [0.5, 0.5] },
                "lung": {
                  "levels": ["yes", "no"],
                  "given": ["smoke"],
                  "table": [
                    { "when": { "smoke": "yes" }, "probs": [0.1, 0.9] },
                    { "when": { "smoke": "no" }, "probs": { "yes": 0.01, "no": 0.99 } }
                  ]
                }
              },
              "rules": [ { "never": "lung == \"yes\" and smoke == \"no\" and false" } ]
            }
            """;

        // When
        var result = ModelFile.ReadYaml(new StringReader(Json), "model.json");

        // Then
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.Equal([0.1, 0.9, 0.01, 0.99], ((CptConditional)result.Model!["lung"].Conditional).Table.Values.ToArray());
    }

    [Fact]
    public void Should_Warn_When_AnEntryIsShadowedEverywhere()
    {
        const string Yaml = """
            dagsynth: 1
            variables:
              a: {levels: [x, y], probs: [0.5, 0.5]}
              b:
                type: boolean
                given: [a]
                table:
                  - when: {}
                    probs: [0.5, 0.5]
                  - when: {a: x}
                    probs: [0.1, 0.9]
                  - when: {a: y}
                    probs: [0.2, 0.8]
            """;
        var result = ModelFile.ReadYaml(new StringReader(Yaml), "shadow.yaml");
        Assert.NotNull(result.Model);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("DS0217", warning.Code);
        Assert.Equal(8, warning.Location.Line);
    }
}
