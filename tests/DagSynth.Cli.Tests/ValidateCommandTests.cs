namespace DagSynth.Cli.Tests;

[Trait("Category", "Cli")]
public sealed class ValidateCommandTests
{
    [Fact]
    public void Should_PrintValidAndASummary_When_TheModelIsValid()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("validate", dir.Write("m.yaml", Models.Treatment));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("valid: treatment — 3 variables, 1 edges, 5 free parameters, 1 rules\n", run.Out);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Should_PrintEveryDiagnosticAndACount_When_TheModelIsInvalid()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.yaml", Models.Invalid + "\n  b:\n    levels: [u]\n    given: [c]\n    table: []\n");
        var run = CliRunner.Run("validate", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("error DS0203", run.Error, StringComparison.Ordinal);
        Assert.Contains("error DS0202", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("2 errors\n", run.Error, StringComparison.Ordinal);
    }
}
