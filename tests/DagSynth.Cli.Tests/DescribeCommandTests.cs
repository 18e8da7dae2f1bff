using System.Text.Json;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class DescribeCommandTests
{
    private static readonly string Asia = CliRunner.Model("asia.yaml");

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_PrintMarginalsArcsAndRules_When_DescribingAModel()
    {
        var result = CliRunner.Run("describe", Asia);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Golden.Verify("describe-asia.txt", result.Output);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_WriteJson_When_AskedForJson()
    {
        var result = CliRunner.Run("describe", Asia, "--json");
        Assert.Equal(0, result.ExitCode);
        Golden.Verify("describe-asia.json", result.Output);
        using var json = JsonDocument.Parse(result.Output);
        var lung = json.RootElement.GetProperty("variables").GetProperty("lung");
        Assert.Equal(["yes", "no"], lung.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(0.055, lung.GetProperty("marginal").GetProperty("yes").GetDouble(), 12);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_ReportAssociationsAndGraphFacts_When_AskedFor()
    {
        var text = CliRunner.Run("describe", Asia, "--given", "xray=yes", "--outcome", "dysp", "--exposure", "lung", "--exposure", "smoke=no", "--variable", "either", "--dsep", "tub _||_ lung | either", "--dsep", "asia _||_ smoke");
        var json = CliRunner.Run("describe", Asia, "--outcome", "dysp=yes", "--exposure", "lung=no", "--variable", "either", "--dsep", "tub _||_ lung", "--json");
        Assert.Equal(0, text.ExitCode);
        Golden.Verify("describe-asia-associations.txt", text.Output);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var exposure = document.RootElement.GetProperty("associations").GetProperty("exposures")[0];
        Assert.True(exposure.GetProperty("backdoor_path").GetBoolean());
        var level = exposure.GetProperty("levels")[0];
        Assert.True(level.GetProperty("crude").GetProperty("odds_ratio").GetDouble() > level.GetProperty("causal").GetProperty("odds_ratio").GetDouble());
        Assert.True(document.RootElement.GetProperty("graph").GetProperty("dsep")[0].GetProperty("d_separated").GetBoolean());
    }

    [Fact]
    public void Should_ExitWith4_When_GivenEvidenceIsImpossible()
    {
        var result = CliRunner.Run("describe", Asia, "--given", "lung=yes", "--given", "either=no");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("error DS0401: the evidence (lung=yes, either=no) has probability 0", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--given", "smoke", "--given:1:1: error DS0405: 'smoke' needs a level here")]
    [InlineData("--outcome", "dyps", "--outcome:1:1: error DS0403: 'dyps' is not a variable of the model")]
    [InlineData("--dsep", "tub lung", "--dsep:1:5: error DS0405: expected '_||_' between the two sides")]
    public void Should_ExitWith2_When_AnOptionIsWrong(string option, string value, string expected)
    {
        var result = CliRunner.Run("describe", Asia, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Golden")]
    [InlineData("describe")]
    [InlineData("query")]
    public void Should_ShowOptionsAndExamples_When_AskedForHelp(string command)
    {
        var result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Golden.Verify($"help-{command}.txt", result.Output);
    }

    [Fact]
    [Trait("Category", "Golden")]
    public void Should_SayWhichAnswersAreExactAndWhichSimulated_When_TheModelHasNumbers()
    {
        // Given: a mixed model (numbers feed a discrete outcome)
        using var dir = new TempDirectory();
        var model = dir.Write("mixed.yaml", TestModels.Mixed);

        // When
        var text = CliRunner.Run("describe", model, "--simulate-rows", "20000");
        var json = CliRunner.Run("describe", model, "--simulate-rows", "20000", "--json");

        // Then: sex is exact; smoker (a logistic node of sex) is exact too; band and the numbers are simulated
        Assert.Equal(0, text.ExitCode);
        Golden.Verify("describe-mixed.txt", text.Output);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var variables = document.RootElement.GetProperty("variables");
        Assert.Equal("exact", variables.GetProperty("smoker").GetProperty("method").GetString());
        Assert.Equal("simulated", variables.GetProperty("band").GetProperty("method").GetString());
        var age = variables.GetProperty("age");
        Assert.InRange(age.GetProperty("mean").GetDouble(), 59.5, 60.5);
        Assert.Equal(2, age.GetProperty("mean_interval").GetArrayLength());
    }
}
