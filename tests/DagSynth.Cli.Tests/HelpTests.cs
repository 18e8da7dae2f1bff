using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>The help texts are part of the interface: pinned, and each shows examples.</summary>
[Trait("Category", "Golden")]
public sealed class HelpTests
{
    [Theory]
    [InlineData("root", "--help")]
    [InlineData("generate", "generate", "--help")]
    [InlineData("validate", "validate", "--help")]
    [InlineData("graph", "graph", "--help")]
    [InlineData("report", "report", "--help")]
    [InlineData("calibrate", "calibrate", "--help")]
    public void Should_ShowUsageAndExamples_When_AskedForHelp(string name, params string[] args)
    {
        var run = CliRunner.Run(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("EXAMPLES:", run.Out, StringComparison.Ordinal);
        Golden.Verify($"help/{name}.txt", run.Out);
    }
}
