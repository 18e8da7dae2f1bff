using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class ValidateCommandTests
{
    [Fact]
    public void Should_ReportRulesProven_When_TablesMakeThemImpossible()
    {
        var result = CliRunner.Run("validate", CliRunner.Model("asia.yaml"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid: asia — 8 variables, 8 edges, 18 free parameters, 1 rule (1 proven)\n", result.Output);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_FailWithProbabilityAndWitness_When_ARuleCanBeBroken()
    {
        var result = CliRunner.Run("validate", CliRunner.Model("treatment.yaml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Golden.Verify("validate-rule-broken.stderr.txt", result.Error);
    }

    [Fact]
    public void Should_StillStopAtTheFirstBrokenRow_When_GeneratingFromAModelWithAnUnprovenRule()
    {
        var result = CliRunner.Run("generate", CliRunner.Model("treatment.yaml"), "--rows", "5000", "--seed", "1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error DS0305", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Generate_When_RulesAreProven()
    {
        var result = CliRunner.Run("generate", CliRunner.Model("asia.yaml"), "--rows", "100", "--seed", "1");
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Should_PrintValidAndASummary_When_TheModelIsValid()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("validate", dir.Write("m.yaml", TestModels.Treatment));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("valid: treatment — 3 variables, 1 edges, 5 free parameters, 1 rule (1 proven)\n", run.Out);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Should_PrintEveryDiagnosticAndACount_When_TheModelIsInvalid()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.yaml", TestModels.Invalid + "\n  b:\n    levels: [u]\n    given: [c]\n    table: []\n");
        var run = CliRunner.Run("validate", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("error DS0203", run.Error, StringComparison.Ordinal);
        Assert.Contains("error DS0202", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("2 errors\n", run.Error, StringComparison.Ordinal);
    }
}
