using System.ComponentModel;
using System.Globalization;
using System.Text;
using DagSynth.Calibration;
using DagSynth.Cli.Rendering;
using DagSynth.Diagnostics;
using DagSynth.IO;
using DagSynth.IO.Files;
using DagSynth.IO.Formats;
using DagSynth.IO.Yaml;
using DagSynth.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth calibrate MODEL [--out FILE]</c>: finds the values of the model's free parameters
/// (<c>fit</c>) that meet its targets, prints target against achieved and the solved values, and
/// optionally writes the model with the values filled in (comments and order kept).
/// </summary>
internal sealed class CalibrateCommand : Command<CalibrateCommand.Settings>
{
    /// <summary>The options of <c>calibrate</c>.</summary>
    public sealed class Settings : InferenceSettings
    {
        /// <summary>Where the calibrated model goes.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("Write the model with the solved values in place of fit (same format as MODEL: .yaml/.yml, or .json), comments and order kept. Written only when every target is met.")]
        public string? Out { get; init; }

        /// <summary>Whether an existing output may be replaced.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace the --out file if it exists.")]
        public bool Force { get; init; }

        /// <summary>Rows simulated for targets exact inference does not cover.</summary>
        [CommandOption("--simulate-rows <N>")]
        [Description("Rows simulated (the same rows at every step) to estimate targets on numbers, and on discrete variables that depend on numbers.")]
        [DefaultValue(CalibrationOptions.DefaultSimulationRows)]
        public long SimulationRows { get; init; } = CalibrationOptions.DefaultSimulationRows;

        /// <summary>The seed of the simulated rows.</summary>
        [CommandOption("-s|--seed <SEED>")]
        [Description("Seed of the simulated rows. Default: the model's 'seed:', else 0.")]
        public ulong? Seed { get; init; }

        /// <summary>Simulation threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("Simulation threads. Default: one per processor. The result is the same for every value.")]
        public int? Threads { get; init; }

        /// <summary>Whether to print nothing but problems.</summary>
        [CommandOption("-q|--quiet")]
        [Description("Print nothing but problems (and, with --json, the JSON).")]
        public bool Quiet { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } problem)
            {
                return problem;
            }

            if (SimulationRows < 1000)
            {
                return ValidationResult.Error($"--simulate-rows must be 1000 or more, not {SimulationRows}");
            }

            return Threads is < 1 ? ValidationResult.Error($"--threads must be 1 or more, not {Threads}") : ValidationResult.Success();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        if (settings.Out is { } output)
        {
            if (OutputProblem(settings.Model, output) is { } usage)
            {
                environment.Error.WriteLine(usage.ToString());
                return ExitCodes.Usage;
            }

            if (OutputFile.Check(output, settings.Force) is { } exists)
            {
                environment.Error.WriteLine(exists.ToString());
                return ExitCodes.InputOutput;
            }
        }

        var (model, exitCode) = ModelLoading.Load(settings.Model, environment);
        if (model is null)
        {
            return exitCode;
        }

        if (model.Calibration is null)
        {
            if (settings.Json)
            {
                JsonOutput.Write(environment.Out, writer => CalibrationJson.WriteNothing(writer, model));
            }
            else if (!settings.Quiet)
            {
                environment.Out.WriteLine($"{model.Name} declares no targets and no free parameters: nothing to calibrate");
                environment.Out.WriteLine("  hint: write fit in place of a number, and a targets: section (see docs/model-format.md)");
            }

            return ExitCodes.Success;
        }

        var options = new CalibrationOptions
        {
            SimulationRows = settings.SimulationRows,
            Seed = settings.Seed,
            Threads = settings.Threads,
            Inference = settings.InferenceOptions,
        };
        var result = Calibrator.Solve(model, options, null, cancellationToken);
        DiagnosticPrinter.Print(environment.Error, result.Diagnostics);
        string? written = null;
        var code = result.Status switch
        {
            CalibrationStatus.Solved => ExitCodes.Success,
            CalibrationStatus.Infeasible => ExitCodes.Infeasible,
            _ => ExitCodes.Invalid,
        };
        if (settings.Out is { } path)
        {
            if (code != ExitCodes.Success)
            {
                environment.Error.WriteLine($"  note: {path} was not written: the targets are not all met");
            }
            else if (Write(environment, settings.Model, path, settings.Force, result) is var writeCode && writeCode != ExitCodes.Success)
            {
                return writeCode;
            }
            else
            {
                written = path;
            }
        }

        if (settings.Json)
        {
            JsonOutput.Write(environment.Out, writer => CalibrationJson.Write(writer, model, result, written));
        }
        else if (!settings.Quiet || code != ExitCodes.Success)
        {
            CalibrationText.Write(environment.Out, model, result);
        }

        if (written is not null && !settings.Quiet)
        {
            environment.Error.WriteLine($"wrote the calibrated model to {written}");
        }

        return code;
    }

    /// <summary>A usage problem with --out: it must name the same format family as the model (the text is patched, not rewritten).</summary>
    private static Diagnostic? OutputProblem(string model, string output)
    {
        var input = ModelFormats.FromExtension(model);
        var target = ModelFormats.FromExtension(output);
        if (input is not { } i || !ModelFormats.IsNative(i))
        {
            return Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource(output), "--out writes DagSynth's own format (.yaml, .yml, .json), filled in from the model file; this model is not in it", "calibrate a .yaml or .json model");
        }

        return target == i
            ? null
            : Diagnostic.Error(
                DiagnosticCodes.UnknownFormat,
                SourceSpan.InSource(output),
                $"--out writes the model in its own format ({ModelFormats.DisplayName(i)}), with its comments and order kept, so it needs the extension {(i == ModelFormat.Json ? ".json" : ".yaml or .yml")}",
                "convert the calibrated model afterwards: dagsynth convert calibrated.yaml OTHER");
    }

    private static int Write(CliEnvironment environment, string modelPath, string outputPath, bool force, CalibrationResult result)
    {
        string original;
        try
        {
            original = File.ReadAllText(modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            environment.Error.WriteLine(Diagnostic.Error(DiagnosticCodes.CannotRead, SourceSpan.InSource(modelPath), $"cannot read the model again: {e.Message}").ToString());
            return ExitCodes.InputOutput;
        }

        var (text, problems) = CalibratedModelText.Fill(original, modelPath, result.Parameters);
        if (text is null)
        {
            DiagnosticPrinter.PrintWithSummary(environment.Error, problems);
            return ExitCodes.InputOutput;
        }

        // The written model must read back: the same gate as any file, and no free parameter left.
        var check = ModelFile.Read(Encoding.UTF8.GetBytes(text), outputPath, ModelFormats.FromExtension(modelPath)!.Value);
        if (check.Model is not { } written || written.HasFreeParameters)
        {
            DiagnosticPrinter.PrintWithSummary(environment.Error, check.Diagnostics);
            environment.Error.WriteLine($"dagsynth: internal error: the calibrated model does not read back; {outputPath} was not written");
            return ExitCodes.InternalError;
        }

        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        return TextOutput.WriteAtomically(environment, outputPath, force, stream => stream.Write(bytes)) ?? ExitCodes.Success;
    }
}
