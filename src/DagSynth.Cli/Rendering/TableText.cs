using Spectre.Console;
using Spectre.Console.Rendering;

namespace DagSynth.Cli.Rendering;

/// <summary>
/// Writes Spectre.Console tables as plain text: rendered at a fixed width without colour, then with
/// trailing spaces and the blank frame lines removed, so that output piped to a file or compared
/// with a golden file is tidy and stable.
/// </summary>
internal static class TableText
{
    /// <summary>The width tables are laid out in.</summary>
    public const int Width = 120;

    /// <summary>Writes <paramref name="renderable"/> to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, IRenderable renderable)
    {
        using var buffer = new StringWriter();
        var console = DagSynthApp.CreateConsole(buffer, isTerminal: false);
        console.Profile.Width = Width;
        console.Write(renderable);
        var lines = buffer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>A table with a rule under the header and no other frame.</summary>
    public static Table Create() => new Table().Border(TableBorder.Simple);
}
