using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>The shipped examples validate, generate, and keep their seeded output.</summary>
[Trait("Category", "Golden")]
public sealed class ExampleTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(RepositoryPaths.InRepository("examples"), "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_ValidateWithoutWarnings_When_AnExampleIsShipped(string example)
    {
        var run = CliRunner.Run("validate", RepositoryPaths.InRepository("examples", example));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.StartsWith("valid: ", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_GenerateWithoutBreakingARule_When_AnExampleIsShipped(string example)
    {
        var run = CliRunner.Run("generate", RepositoryPaths.InRepository("examples", example), "--rows", "100000", "--quiet");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Should_GenerateTheSameRows_When_AnExampleIsWrittenBackAsYamlAndJson(string example)
    {
        // Given: the example converted to DagSynth's own YAML, and that to JSON
        using var dir = new TempDirectory();
        var original = RepositoryPaths.InRepository("examples", example);
        Assert.Equal(0, CliRunner.Run("convert", original, dir.File("copy.yaml")).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", dir.File("copy.yaml"), dir.File("copy.json")).ExitCode);

        // When
        var before = CliRunner.Run("generate", original, "--rows", "3000", "--quiet");
        var after = CliRunner.Run("generate", dir.File("copy.json"), "--rows", "3000", "--quiet");

        // Then: formulas, parameters and settings survive, so the data are the same bytes
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(before.Data, after.Data);
    }

    [Fact]
    public void Should_KeepTheFirstRowsOfAsia_When_SeededWith42()
    {
        // A change here changes every user's seeded data: a breaking change for the CHANGELOG.
        var run = CliRunner.Run("generate", RepositoryPaths.InRepository("examples", "asia.yaml"), "--rows", "20", "--seed", "42");
        Assert.Equal(0, run.ExitCode);
        Golden.Verify("examples/asia-seed42-first20.csv", run.DataText);
    }
}
