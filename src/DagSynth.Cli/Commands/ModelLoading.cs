using System.Globalization;
using DagSynth.Calibration;
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

    /// <summary>
    /// Loads <paramref name="path"/> and, when it has free parameters, calibrates it first (see
    /// <see cref="CalibrateFirst"/>): the model a command that samples or answers about data works on.
    /// On failure returns null and the exit code to use.
    /// </summary>
    public static (Model? Model, int ExitCode) LoadCalibrated(string path, CliEnvironment environment, bool quiet, int? threads, CancellationToken cancellationToken)
    {
        var (model, exitCode) = Load(path, environment);
        return model is { HasFreeParameters: true }
            ? CalibrateFirst(model, path, environment, quiet, threads, cancellationToken)
            : (model, exitCode);
    }

    /// <summary>
    /// A model with free parameters (fit) is calibrated first, with the calibration's own defaults
    /// (the model's seed, not a command's --seed, so every data seed samples the same calibrated
    /// model); the command says so unless <paramref name="quiet"/>. Unmet targets stop the command
    /// (exit 4): nothing comes from a model that misses them. Returns the calibrated model, or null and
    /// the exit code.
    /// </summary>
    private static (Model? Model, int ExitCode) CalibrateFirst(Model model, string path, CliEnvironment environment, bool quiet, int? threads, CancellationToken cancellationToken)
    {
        var problem = model.Calibration!;
        if (!quiet)
        {
            environment.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"calibrating {problem.Parameters.Length} free parameter{(problem.Parameters.Length == 1 ? string.Empty : "s")} to {problem.Targets.Length} target{(problem.Targets.Length == 1 ? string.Empty : "s")} first (to do it once: dagsynth calibrate {path} --out FILE)"));
        }

        var result = Calibrator.Solve(model, new CalibrationOptions { Threads = threads }, null, cancellationToken);
        DiagnosticPrinter.Print(environment.Error, result.Diagnostics);
        if (!result.Succeeded)
        {
            environment.Error.WriteLine("  note: nothing was done with the model; run 'dagsynth calibrate' to see every target against what it achieves");
            return (null, result.Status == CalibrationStatus.Infeasible ? ExitCodes.Infeasible : ExitCodes.Invalid);
        }

        if (!quiet)
        {
            environment.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calibrated: every target met ({result.Iterations} iterations)"));
        }

        return (result.Model, ExitCodes.Success);
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
