using DagSynth.Diagnostics;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Export;
using DagSynth.Models;

namespace DagSynth.Cli.Commands;

/// <summary>Writes a model to a file for <c>convert</c> and <c>learn</c>: losses checked first, then atomically.</summary>
internal static class ModelOutput
{
    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> in <paramref name="format"/>,
    /// refusing what the format cannot express unless <paramref name="lossy"/>; prints every problem.
    /// Returns null when the file was written, else the exit code (nothing is left behind).
    /// </summary>
    public static int? Write(Model model, ModelFormat format, string path, bool force, bool lossy, CliEnvironment environment)
    {
        var options = new ExportOptions { Lossy = lossy, Target = path };
        var losses = ModelWriter.Check(model, format, options);
        if (DiagnosticPrinter.PrintWithSummary(environment.Error, losses) > 0)
        {
            environment.Error.WriteLine($"  note: {path} was not written");
            return ExitCodes.Invalid;
        }

        return TextOutput.WriteAtomically(environment, path, force, stream => ModelWriter.Write(model, format, stream, options));
    }
}
