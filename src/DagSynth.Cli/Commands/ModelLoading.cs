using DagSynth.Diagnostics;
using DagSynth.IO;
using DagSynth.Models;

namespace DagSynth.Cli.Commands;

/// <summary>Reads a model for a command, printing its diagnostics and choosing the exit code on failure.</summary>
internal static class ModelLoading
{
    /// <summary>Loads <paramref name="path"/>; on failure returns null and the exit code to use.</summary>
    public static (Model? Model, int ExitCode) Load(string path, CliEnvironment environment)
    {
        var result = ModelFile.Read(path);
        DiagnosticPrinter.PrintWithSummary(environment.Error, result.Diagnostics);
        return result.Model is { } model ? (model, ExitCodes.Success) : (null, ExitCodeFor(result.Diagnostics));
    }

    /// <summary>Problems with files are I/O errors (3), an unknown format a usage error (2), anything else an invalid model (1).</summary>
    public static int ExitCodeFor(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        if (errors.Any(d => d.Code == DiagnosticCodes.UnknownFormat))
        {
            return ExitCodes.Usage;
        }

        return errors.Any(d => d.Code is DiagnosticCodes.CannotRead or DiagnosticCodes.CannotWrite or DiagnosticCodes.OutputExists)
            ? ExitCodes.InputOutput
            : ExitCodes.Invalid;
    }
}
