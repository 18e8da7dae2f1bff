using System.Text;
using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;
using DagSynth.Testing;

namespace DagSynth.IO.Tests.Formats;

/// <summary>What each writer writes, what it refuses to lose, and what DagSynth's own format keeps.</summary>
[Trait("Category", "Unit")]
public sealed class WriterTests
{
    /// <summary>A small model using everything the model holds today: types, labels, descriptions, seed, parameters, a rule.</summary>
    internal const string Clinic = """
        dagsynth: 1
        name: clinic
        description: 'A tiny model with "quotes" and a colon: here.'
        seed: 2018
        parameters:
          p_smoke: 0.25
        variables:
          sex:
            levels: [female, male]
            probs: [0.51, 0.49]
          smoker:
            type: boolean
            label: Current smoker
            given: [sex]
            table:
              - when: {sex: female}
                probs: [0.87, 0.13]
              - when: {sex: male}
                probs: [0.75, p_smoke]
          age group:
            type: ordinal
            levels: ["<40", "40-59", "60+"]
            description: Age in bands.
            probs: [0.3, 0.45, 0.25]
          treated:
            type: boolean
            given: [smoker, age group]
            table:
              - when: {smoker: false}
                probs: [1, 0]
              - default: [0.6, 0.4]
        rules:
          - never: treated and not smoker
            name: only smokers are treated
        """;

    public static TheoryData<ModelFormat> Formats() => [.. Enum.GetValues<ModelFormat>()];

    [Theory]
    [MemberData(nameof(Formats))]
    [Trait("Category", "Golden")]
    public void Should_WriteTheGoldenText_When_WritingTheClinicModel(ModelFormat format)
    {
        // Given
        var model = ClinicModel();

        // When
        var (text, diagnostics) = ModelWriter.WriteToString(model, format, new ExportOptions { Lossy = true, Target = "clinic" + Extension(format) });

        // Then
        var report = string.Join("\n", diagnostics.Select(d => d.ToString()));
        Golden.Verify($"Formats/clinic{Extension(format)}", text!);
        Golden.Verify($"Formats/clinic{Extension(format)}.diagnostics.txt", report + "\n");
    }

    [Theory]
    [InlineData(ModelFormat.Bif)]
    [InlineData(ModelFormat.XmlBif)]
    [InlineData(ModelFormat.Net)]
    [InlineData(ModelFormat.Dsc)]
    [InlineData(ModelFormat.Uai)]
    [InlineData(ModelFormat.Xdsl)]
    public void Should_RefuseAndWriteNothing_When_TheFormatWouldLoseRulesAndTheSeed(ModelFormat format)
    {
        // Given
        var model = ClinicModel();
        using var stream = new MemoryStream();

        // When
        var diagnostics = ModelWriter.Write(model, format, stream, new ExportOptions { Target = "out" });

        // Then
        Assert.Equal(0, stream.Length);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        Assert.All(errors, d => Assert.Equal(DiagnosticCodes.ExportLoss, d.Code));
        Assert.Contains(errors, d => d.Message.Contains("only smokers are treated", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Message.Contains("seed 2018", StringComparison.Ordinal));
        Assert.All(errors, d => Assert.Contains("--lossy", d.Hint, StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == DiagnosticCodes.MetadataDropped && d.Message.Contains("'smoker' (boolean)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ModelFormat.Bif)]
    [InlineData(ModelFormat.XmlBif)]
    [InlineData(ModelFormat.Net)]
    [InlineData(ModelFormat.Dsc)]
    [InlineData(ModelFormat.Uai)]
    [InlineData(ModelFormat.Xdsl)]
    public void Should_RefuseEvenWhenLossy_When_TheModelHasContinuousNodes(ModelFormat format)
    {
        // Given: the conditional-Gaussian network of the corpus, read from NET
        var result = ModelFile.Read(CorpusFiles.PathOf("edge-cases", "net/valid/05-conditional-gaussian.net"));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        using var stream = new MemoryStream();

        // When: even NET, which has a CG syntax, is not written (the writers write tables only)
        var diagnostics = ModelWriter.Write(result.Model!, format, stream, new ExportOptions { Target = "out", Lossy = true });

        // Then
        Assert.Equal(0, stream.Length);
        var error = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.ExportLoss, error.Code);
        Assert.Contains("'C2', 'C3' cannot be written even with --lossy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelFormat.Yaml)]
    [InlineData(ModelFormat.Json)]
    public void Should_KeepEverything_When_WritingDagSynthsOwnFormat(ModelFormat format)
    {
        // Given
        var model = ClinicModel();

        // When
        var (text, diagnostics) = ModelWriter.WriteToString(model, format);
        var back = ModelFile.Read(Encoding.UTF8.GetBytes(text!), "back", format).Model!;

        // Then
        Assert.Empty(diagnostics);
        ModelAssert.Identical(model, back);
        Assert.Equal((model.Name, model.Description, model.Seed), (back.Name, back.Description, back.Seed));
        Assert.Equal(model.Parameters, back.Parameters);
        Assert.Equal(model.Variables.Select(v => (v.Kind, v.Label, v.Description)), back.Variables.Select(v => (v.Kind, v.Label, v.Description)));
        Assert.Equal(model.Rules.Select(r => (r.Text, r.Name)), back.Rules.Select(r => (r.Text, r.Name)));
    }

    [Theory]
    [InlineData(ModelFormat.Net)]
    [InlineData(ModelFormat.Xdsl)]
    public void Should_KeepLabels_When_TheFormatHasAPlaceForThem(ModelFormat format)
    {
        // Given
        var model = ClinicModel();

        // When
        var back = RoundTripPropertyTests.RoundTrip(model, format, lossy: true);

        // Then
        Assert.Equal("Current smoker", back.Variables.Single(v => v.Name == "smoker").Label);
    }

    [Fact]
    public void Should_NameTheLostNames_When_NetCannotHoldThem()
    {
        // Given: 'age group' holds a blank, which a NET node name cannot
        var model = ClinicModel();

        // When
        var diagnostics = ModelWriter.Check(model, ModelFormat.Net, new ExportOptions { Target = "out.net" });

        // Then
        Assert.Contains(diagnostics, d => d.IsError && d.Message.Contains("'age group' -> 'age_group'", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Should_ReadBackAnEmptyNetwork_When_TheModelHasNoVariables(ModelFormat format)
    {
        // Given: aGrUM's BIFReader_file1.bif is a network block and nothing else
        var model = TextModels.Load("network empty {\n}\n", ModelFormat.Bif);

        // When
        var back = RoundTripPropertyTests.RoundTrip(model, format, lossy: false);

        // Then
        Assert.Empty(back.Variables);
    }

    internal static Model ClinicModel()
    {
        var result = ModelFile.Read(Encoding.UTF8.GetBytes(Clinic), "clinic.yaml", ModelFormat.Yaml);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static string Extension(ModelFormat format) => ModelFormats.Extensions.First(e => e.Value == format).Key;
}
