using System.Text.RegularExpressions;
using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>
/// docs/designs.md stays true: every command in its console blocks runs, with exit code 4 where the
/// block shows a DS04xx error and 0 otherwise, and prints on standard error the lines shown under it.
/// </summary>
[Trait("Category", "Golden")]
public sealed partial class DesignsDocumentationTests
{
    public static TheoryData<string> Commands()
    {
        var page = File.ReadAllText(RepositoryPaths.InRepository("docs", "designs.md"));
        var data = new TheoryData<string>();
        foreach (Match block in ConsoleBlock().Matches(page))
        {
            foreach (var command in block.Groups[1].Value.Split("$ dagsynth ", StringSplitOptions.RemoveEmptyEntries))
            {
                data.Add(command.TrimEnd('\n'));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Should_RunAsShown_When_ACommandOfTheDesignsPageIsRun(string command)
    {
        // Given: the command line and the lines shown under it
        var lines = command.Split('\n');
        using var dir = new TempDirectory();
        var args = Arguments(lines[0]).Select(a => a.EndsWith(".yaml", StringComparison.Ordinal) ? RepositoryPaths.InRepository(a.Split('/')) : a).ToList();
        var output = args.IndexOf("-o");
        if (output >= 0)
        {
            args[output + 1] = dir.File(args[output + 1]);
        }

        // When
        var run = CliRunner.Run([.. args]);

        // Then
        var shown = lines.Skip(1).ToList();
        Assert.Equal(shown.Any(l => l.Contains("error DS04", StringComparison.Ordinal)) ? 4 : 0, run.ExitCode);
        var error = run.Error.Replace(dir.Path + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace(RepositoryPaths.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
        foreach (var line in shown)
        {
            Assert.Contains(line, error, StringComparison.Ordinal);
        }
    }

    /// <summary>Splits a command line on spaces, keeping quoted arguments whole (without their outer quotes).</summary>
    private static List<string> Arguments(string line) =>
        [.. Argument().Matches(line).Select(m => m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["s"].Success ? m.Groups["s"].Value : m.Value)];

    [GeneratedRegex(@"```console\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ConsoleBlock();

    [GeneratedRegex("\"(?<q>[^\"]*)\"|'(?<s>[^']*)'|[^ ]+")]
    private static partial Regex Argument();
}
