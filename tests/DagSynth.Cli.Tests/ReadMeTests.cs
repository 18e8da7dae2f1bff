using System.Text.RegularExpressions;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>The README's example is run as a test, so the rows it shows are the rows the tool writes.</summary>
[Trait("Category", "Golden")]
public sealed partial class ReadMeTests
{
    [Fact]
    public void Should_ProduceTheRowsShown_When_RunningTheReadMeExample()
    {
        // Given: the model and the console block of the README
        var readMe = File.ReadAllText(RepositoryPaths.InRepository("README.md"));
        var model = YamlBlock().Match(readMe).Groups[1].Value;
        var console = ConsoleBlock().Match(readMe);
        Assert.True(console.Success, "the README has no example console block");
        using var dir = new TempDirectory();
        var path = dir.Write("treatment.yaml", model);

        // When
        var args = console.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = CliRunner.Run([.. args.Select(a => a == "treatment.yaml" ? path : a)]);

        // Then
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(console.Groups[2].Value, run.DataText);
    }

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"```console\n\$ dagsynth ([^\n]*)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();
}
