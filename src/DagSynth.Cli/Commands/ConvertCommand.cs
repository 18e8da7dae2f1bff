using System.ComponentModel;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.IO.Files;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Export;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth convert IN OUT</c>: reads a model in any supported format and writes it in the format
/// OUT's extension names, atomically, refusing to lose what the target cannot express unless
/// <c>--lossy</c> is given.
/// </summary>
internal sealed class ConvertCommand : Command<ConvertCommand.Settings>
{
    /// <summary>The options of <c>convert</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The model to read.</summary>
        [CommandArgument(0, "<IN>")]
        [Description("The model to read (.yaml .yml .json .bif .xmlbif .xml .net .dsc .uai .xdsl).")]
        public string Input { get; init; } = string.Empty;

        /// <summary>The file to write.</summary>
        [CommandArgument(1, "<OUT>")]
        [Description("The file to write; its extension chooses the format (the same list).")]
        public string Output { get; init; } = string.Empty;

        /// <summary>Whether an existing output may be replaced.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace OUT if it exists.")]
        public bool Force { get; init; }

        /// <summary>Whether losses are accepted.</summary>
        [CommandOption("--lossy")]
        [Description("Write even what OUT's format cannot fully express (rules, the default seed, names it cannot hold), with a warning for each loss.")]
        public bool Lossy { get; init; }

        /// <summary>Whether to print nothing but problems.</summary>
        [CommandOption("-q|--quiet")]
        [Description("Print nothing but problems.")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var (format, formatProblem) = ModelFormats.FromPath(settings.Output, "output");
        if (format is not { } outputFormat)
        {
            environment.Error.WriteLine(formatProblem!.Value.ToString());
            return ExitCodes.Usage;
        }

        if (OutputFile.Check(settings.Output, settings.Force) is { } outputProblem)
        {
            environment.Error.WriteLine(outputProblem.ToString());
            return ExitCodes.InputOutput;
        }

        var (model, exitCode) = ModelLoading.Load(settings.Input, environment);
        if (model is null)
        {
            return exitCode;
        }

        if (ModelOutput.Write(model, outputFormat, settings.Output, settings.Force, settings.Lossy, environment) is { } failed)
        {
            return failed;
        }

        if (!settings.Quiet)
        {
            environment.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"converted {settings.Input} ({model.Variables.Length} variables, {model.EdgeCount} edges) to {settings.Output} ({ModelFormats.DisplayName(outputFormat)})"));
        }

        return ExitCodes.Success;
    }
}
