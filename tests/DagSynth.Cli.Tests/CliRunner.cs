using DagSynth.Testing;

namespace DagSynth.Cli.Tests;

/// <summary>Runs <c>dagsynth</c> in process with captured output and error streams.</summary>
internal static class CliRunner
{
    /// <summary>The test models folder of this project.</summary>
    public static string Models => RepositoryPaths.InRepository("tests", "DagSynth.Cli.Tests", "Models");

    /// <summary>A test model's full path.</summary>
    public static string Model(string file) => Path.Combine(Models, file);

    /// <summary>
    /// Runs the command. For golden files, paths of the test models are shortened to their file names
    /// and trailing spaces (which Spectre's help pads lines with, and editors strip) are removed.
    /// </summary>
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, () => new MemoryStream(), OutIsTerminal: false, ErrorIsTerminal: false);
        var exit = DagSynthApp.Run(args, environment);
        return new CliResult(exit, Shorten(output.ToString()), Shorten(error.ToString()));
    }

    private static string Shorten(string text) =>
        string.Join('\n', text
            .Replace(Models + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Select(line => line.TrimEnd()));
}

/// <summary>The outcome of one run.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);
