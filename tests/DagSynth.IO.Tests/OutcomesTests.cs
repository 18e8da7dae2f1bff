using DagSynth.IO;
using DagSynth.IO.Formats;
using DagSynth.Models;

namespace DagSynth.IO.Tests;

/// <summary>The <c>outcomes:</c> key: read, checked, defaulted and written back.</summary>
[Trait("Category", "Unit")]
public sealed class OutcomesTests
{
    private const string Base = """
        dagsynth: 1
        name: clinic
        variables:
          smoker:
            type: boolean
            probs: [0.8, 0.2]
          bmi:
            levels: [normal, over, obese]
            probs: [0.4, 0.4, 0.2]
          age:
            type: normal
            mean: 50
            sd: 10
          cvd:
            levels: ["no", "yes"]
            given: [smoker, bmi]
            table:
              - default: [0.9, 0.1]

        """;

    private static ModelLoadResult Read(string outcomes) => ModelFile.ReadYaml(new StringReader(Base + outcomes), "clinic.yaml");

    [Fact]
    public void Should_BindLevelsAndDefaults_When_OutcomesAreDeclared()
    {
        var result = Read("outcomes:\n  cvd: [smoker, bmi=normal]\n  smoker=false:\n");
        Assert.True(result.Model is not null, string.Join('\n', result.Diagnostics));
        var model = result.Model;
        Assert.Equal(2, model.Outcomes.Length);
        Assert.Equal(new LevelAssignment(model.IndexOf("cvd"), 1), model.Outcomes[0].Outcome);
        Assert.Equal([new LevelAssignment(model.IndexOf("smoker"), 0), new LevelAssignment(model.IndexOf("bmi"), 0)], model.Outcomes[0].Exposures);
        Assert.Equal(new LevelAssignment(model.IndexOf("smoker"), 0), model.Outcomes[1].Outcome);
        Assert.Empty(model.Outcomes[1].Exposures);
    }

    [Fact]
    public void Should_AcceptAListOfOutcomes_When_ExposuresAreLeftToTheReport()
    {
        var model = Read("outcomes: [cvd]\n").Model!;
        Assert.Equal(new LevelAssignment(model.IndexOf("cvd"), 1), Assert.Single(model.Outcomes).Outcome);
    }

    [Fact]
    public void Should_ReportEveryProblem_When_OutcomesAreWrong()
    {
        var result = Read("outcomes:\n  cvdd: [smoker]\n  cvd: [age, bmi=fat, cvd, smoker, smoker]\n  age: []\n");
        Assert.Null(result.Model);
        var messages = result.Diagnostics.Where(d => d.Code == "DS0801").Select(d => d.Message).ToList();
        Assert.Contains("'cvdd' is not a variable of the model, so it cannot be an outcome", messages);
        Assert.Contains("'age' is not discrete, so it cannot be an exposure", messages);
        Assert.Contains("'bmi' has no level 'fat' (its levels: normal, over, obese)", messages);
        Assert.Contains("'cvd' is the outcome; it cannot also be one of its exposures", messages);
        Assert.Contains("exposure 'smoker' is listed twice for 'cvd'", messages);
        Assert.Contains("'age' is not discrete, so it cannot be an outcome", messages);
        Assert.Contains(result.Diagnostics, d => d.Code == "DS0801" && d.Location.Line == 21);
    }

    [Fact]
    public void Should_RejectAWrongShape_When_ExposuresAreNotAList()
    {
        var result = Read("outcomes:\n  cvd: smoker\n");
        Assert.Contains(result.Diagnostics, d => d.Code == "DS0103");
    }

    [Fact]
    public void Should_KeepOutcomes_When_WrittenBackAsYaml()
    {
        // The native writer holds tables only (for now), so the numeric variable is left out.
        var text = Base.Replace("  age:\n    type: normal\n    mean: 50\n    sd: 10\n", string.Empty, StringComparison.Ordinal);
        var model = ModelFile.ReadYaml(new StringReader(text + "outcomes:\n  cvd=yes: [smoker, bmi=over]\n"), "clinic.yaml").Model!;
        var (yaml, diagnostics) = ModelWriter.WriteToString(model, ModelFormat.Yaml);
        Assert.True(diagnostics.IsEmpty, string.Join("; ", diagnostics.Select(d => d.Code + " " + d.Message)));
        Assert.Contains("outcomes:", yaml, StringComparison.Ordinal);
        var again = ModelFile.ReadYaml(new StringReader(yaml!), "again.yaml").Model!;
        Assert.Equal(model.Outcomes[0].Outcome, again.Outcomes[0].Outcome);
        Assert.Equal(model.Outcomes[0].Exposures, again.Outcomes[0].Exposures);
    }
}
