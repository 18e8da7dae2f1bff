using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary><c>dagsynth calibrate</c>, and <c>generate</c> on a model with free parameters.</summary>
[Trait("Category", "Cli")]
public sealed class CalibrateCommandTests
{
    private const string Infeasible = """
        dagsynth: 1
        seed: 1
        variables:
          disease: {type: boolean, probs: [fit, fit]}
          treated:
            type: boolean
            given: [disease]
            table:
              - when: {disease: false}
                probs: [1, 0]
              - when: {disease: true}
                probs: [fit, fit]
        targets:
          - prevalence: {of: disease, value: 0.1}
          - prevalence: {of: treated, value: 0.2}
        """;

    private const string Mixed = """
        dagsynth: 1
        seed: 7
        variables:
          age: {type: uniform, min: 40, max: 80}
          smoker:
            type: logistic
            intercept: fit
            odds_ratios: {"(age - 60) / 10": 0.8}
          sbp:
            type: normal
            mean: fit(120)
            sd: fit(10)
        targets:
          - prevalence: {of: smoker, value: 0.2}
          - mean: {of: sbp, value: 128, tolerance: 0.1}
          - sd: {of: sbp, value: 15, tolerance: 0.05}
        """;

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_PrintTargetsAgainstAchievedAndTheSolvedValues_When_TheTargetsAreMet()
    {
        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"));

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Golden.Verify("calibrate-clinic.txt", run.Out);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_WriteOneJsonObject_When_AskedForJson()
    {
        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--json");

        // Then
        Assert.Equal(0, run.ExitCode);
        Golden.Verify("calibrate-clinic.json", run.Out);
    }

    [Fact]
    public void Should_WriteTheModelWithTheValuesFilledIn_When_AskedForAnOutputFile()
    {
        // Given
        using var dir = new TempDirectory();
        var output = dir.File("calibrated.yaml");

        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--out", output);

        // Then: comments and targets kept, no fit left, and the written model meets its targets as it is
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"wrote the calibrated model to {output}", run.Error, StringComparison.Ordinal);
        var text = File.ReadAllText(output);
        Assert.Contains("# the age mix is free", text, StringComparison.Ordinal);
        Assert.Contains("probs: [1, 0]                  # a structural zero", text, StringComparison.Ordinal);
        Assert.Contains("- prevalence: {of: treated, value: 0.09}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fit,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(": fit", text, StringComparison.Ordinal);
        var validate = CliRunner.Run("validate", output);
        Assert.Equal(0, validate.ExitCode);
        Assert.EndsWith("; calibration: 0 numbers to fit, 5 targets\n", validate.Out, StringComparison.Ordinal);
        var check = CliRunner.Run("calibrate", output);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("every target met (no free parameters: the model as written)", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_KeepAnExistingFile_When_ForceIsNotGiven()
    {
        // Given
        using var dir = new TempDirectory();
        var output = dir.Write("calibrated.yaml", "keep me");

        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--out", output);

        // Then
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(output));
        Assert.Equal(0, CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--out", output, "--force").ExitCode);
        Assert.NotEqual("keep me", File.ReadAllText(output));
    }

    [Fact]
    public void Should_RefuseAnotherFormat_When_TheOutputWouldLoseTheComments()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--out", dir.File("clinic.json"));

        // Then
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out writes the model in its own format (YAML)", run.Error, StringComparison.Ordinal);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Should_ExitWith4AndNameTheConflict_When_TheTargetsCannotBeMetTogether()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("infeasible.yaml", Infeasible);

        // When
        var run = CliRunner.Run("calibrate", model, "--out", dir.File("out.yaml"));

        // Then: the conflict, the closest values, and nothing written
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error DS0520: these targets cannot be met together: P(disease=true) (requested 0.1, closest", run.Error, StringComparison.Ordinal);
        Assert.Contains("out.yaml was not written", run.Error, StringComparison.Ordinal);
        Assert.Contains(" NO", run.Out, StringComparison.Ordinal);
        Assert.Equal(["infeasible.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_SayThereIsNothingToDo_When_TheModelHasNoTargetsOrFreeParameters()
    {
        // When
        var run = CliRunner.Run("calibrate", CliRunner.Model("asia.yaml"));

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("asia declares no targets and no free parameters: nothing to calibrate", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ReportSimulatedTargetsWithTheirStandardErrors_When_TargetsReadNumbers()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("mixed.yaml", Mixed);

        // When
        var run = CliRunner.Run("calibrate", model, "--simulate-rows", "20000");

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("estimated from 20,000 simulated rows (seed 7", run.Out, StringComparison.Ordinal);
        Assert.Contains("mean(sbp)", run.Out, StringComparison.Ordinal);
        Assert.Contains("±", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" NO", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_CalibrateFirstAndSaySo_When_GeneratingFromAModelWithFreeParameters()
    {
        // Given
        using var dir = new TempDirectory();
        var calibrated = dir.File("calibrated.yaml");
        Assert.Equal(0, CliRunner.Run("calibrate", CliRunner.Model("clinic.yaml"), "--out", calibrated).ExitCode);

        // When
        var direct = CliRunner.Run("generate", CliRunner.Model("clinic.yaml"), "--rows", "2000");
        var fromFile = CliRunner.Run("generate", calibrated, "--rows", "2000");

        // Then: it says so, and the data are those of the calibrated file, byte for byte
        Assert.Equal(0, direct.ExitCode);
        Assert.Contains("calibrating 8 free parameters to 5 targets first", direct.Error, StringComparison.Ordinal);
        Assert.Contains("calibrated: every target met", direct.Error, StringComparison.Ordinal);
        Assert.Equal(fromFile.DataText, direct.DataText);
        Assert.Equal(string.Empty, CliRunner.Run("generate", CliRunner.Model("clinic.yaml"), "--rows", "10", "--quiet").Error);
    }

    [Fact]
    public void Should_DescribeAndQueryTheCalibratedModel_When_TheModelHasFreeParameters()
    {
        // When
        var describe = CliRunner.Run("describe", CliRunner.Model("clinic.yaml"), "--json");
        var query = CliRunner.Run("query", CliRunner.Model("clinic.yaml"), "P(treated)");

        // Then: what the data will look like is what the calibrated model gives
        Assert.Equal(0, describe.ExitCode);
        Assert.Contains("calibrating 8 free parameters to 5 targets first", describe.Error, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(describe.Out);
        var disease = json.RootElement.GetProperty("variables").GetProperty("disease").GetProperty("marginal").GetProperty("true").GetDouble();
        Assert.Equal(0.15, disease, 1e-6);
        Assert.Equal(0, query.ExitCode);
        Assert.Contains("0.09", query.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_GenerateNothing_When_CalibrationCannotMeetTheTargets()
    {
        // Given
        using var dir = new TempDirectory();
        var model = dir.Write("infeasible.yaml", Infeasible);

        // When
        var run = CliRunner.Run("generate", model, "--rows", "100", "--out", dir.File("data.csv"));

        // Then
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("error DS0520", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was done with the model", run.Error, StringComparison.Ordinal);
        Assert.Equal(["infeasible.yaml"], dir.Entries());
    }

    [Fact]
    public void Should_ReportTheCalibratedModel_When_TheModelHasFreeParameters()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var run = CliRunner.Run("report", CliRunner.Model("clinic.yaml"), "-n", "2000", "--simulate-rows", "5000", "-o", dir.File("clinic.html"));

        // Then: the declared side of the report is the calibrated model (P(disease) = 15.0%), not the start values (50%)
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("calibrating 8 free parameters to 5 targets first", run.Error, StringComparison.Ordinal);
        Assert.Contains("15.0%", File.ReadAllText(dir.File("clinic.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_KeepFreeNumbersAndTargetsWhereItCan_When_TheModelIsWrittenAsYaml()
    {
        // Given
        using var dir = new TempDirectory();

        // When
        var strict = CliRunner.Run("convert", CliRunner.Model("clinic.yaml"), dir.File("strict.yaml"));
        var lossy = CliRunner.Run("convert", CliRunner.Model("clinic.yaml"), dir.File("copy.yaml"), "--lossy");

        // Then: settings keep fit and every target is written; the fit cells of tables cannot be kept
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("the fit cells of the tables of 'age_group', 'smoker', 'treated'", strict.Error, StringComparison.Ordinal);
        Assert.Equal(0, lossy.ExitCode);
        var copy = File.ReadAllText(dir.File("copy.yaml"));
        Assert.Contains("intercept: fit", copy, StringComparison.Ordinal);
        Assert.Contains("smoker: fit\n", copy, StringComparison.Ordinal);
        Assert.Contains("- odds_ratio: {exposure: smoker, outcome: disease, causal: true, value: 2.5}", copy, StringComparison.Ordinal);
        Assert.Equal(5, copy[copy.IndexOf("targets:", StringComparison.Ordinal)..].Split("\n  - ").Length - 1);
    }
}
