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
}
