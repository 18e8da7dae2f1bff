using System.ComponentModel;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.IO.Fakes;
using DagSynth.IO.Files;
using DagSynth.Sampling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary><c>dagsynth generate MODEL --rows N</c>: writes a reproducible dataset.</summary>
internal sealed class GenerateCommand : Command<GenerateCommand.Settings>
{
    /// <summary>Runs with at least this many cells show a progress bar on a terminal.</summary>
    private const long ProgressThresholdCells = 20_000_000;

    /// <summary>The options of <c>generate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The model file.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: .yaml, .yml, .json, or a Bayesian network in .bif, .xmlbif, .xml, .net, .dsc, .uai or .xdsl.")]
        public string Model { get; init; } = string.Empty;

        /// <summary>The number of rows.</summary>
        [CommandOption("-n|--rows <N>")]
        [Description("Number of rows to generate (required).")]
        public long? Rows { get; init; }

        /// <summary>The seed.</summary>
        [CommandOption("-s|--seed <SEED>")]
        [Description("Seed (0 to 18446744073709551615). Default: the model's 'seed:', else 0.")]
        public ulong? Seed { get; init; }

        /// <summary>The output path.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("Output file: .csv or .tsv; '-' (the default) writes CSV to standard output.")]
        public string Out { get; init; } = "-";

        /// <summary>The number of sampling threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("Sampling threads. Default: one per processor. The output is the same for every value.")]
        public int? Threads { get; init; }

        /// <summary>Whether an existing output may be replaced.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace the output file if it exists.")]
        public bool Force { get; init; }

        /// <summary>Rows per batch.</summary>
        [CommandOption("--batch-size <ROWS>")]
        [Description("Rows per batch (a tuning knob; the output is the same for every value).")]
        [DefaultValue(8192)]
        public int BatchSize { get; init; } = 8192;

        /// <summary>Whether to print nothing but errors.</summary>
        [CommandOption("-q|--quiet")]
        [Description("Print nothing but problems.")]
        public bool Quiet { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (Rows is null)
            {
                return ValidationResult.Error("--rows is required: how many rows to generate, e.g. --rows 1000");
            }

            if (Rows < 0)
            {
                return ValidationResult.Error($"--rows must be 0 or more, not {Rows}");
            }

            if (Threads is < 1)
            {
                return ValidationResult.Error($"--threads must be 1 or more, not {Threads}");
            }

            return BatchSize < 1 ? ValidationResult.Error($"--batch-size must be 1 or more, not {BatchSize}") : ValidationResult.Success();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var (format, formatProblem) = DataFormats.FromPath(settings.Out);
        if (formatProblem is { } fp)
        {
            return Fail(environment, fp, ExitCodes.Usage);
        }

        var toStandardOutput = settings.Out == "-";
        if (!toStandardOutput && OutputFile.Check(settings.Out, settings.Force) is { } outputProblem)
        {
            return Fail(environment, outputProblem, ExitCodes.InputOutput);
        }

        var (model, exitCode) = ModelLoading.Load(settings.Model, environment);
        if (model is null)
        {
            return exitCode;
        }

        // Rules proven impossible need no row check: the sampler never draws a zero-probability level.
        var proofs = model.Rules.IsEmpty || !model.IsDiscreteTables ? null : InferenceEngine.Create(model).ProveRules();
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance, proofs);
        if (plan.CheckFakeText() is { IsEmpty: false } fakeProblems)
        {
            foreach (var problem in fakeProblems)
            {
                environment.Error.WriteLine(Diagnostic.Error(DiagnosticCodes.BadSettings, model.Location, problem).ToString());
            }

            return ExitCodes.Invalid;
        }
        var options = new GenerationOptions
        {
            Rows = settings.Rows!.Value,
            Seed = settings.Seed ?? model.Seed ?? 0,
            Threads = settings.Threads ?? Environment.ProcessorCount,
            BatchSize = settings.BatchSize,
        };

        OutputFile? file = null;
        Stream stream;
        if (toStandardOutput)
        {
            stream = environment.OpenStandardOutput();
        }
        else
        {
            (file, var problem) = OutputFile.Create(settings.Out, settings.Force);
            if (file is null)
            {
                return Fail(environment, problem!.Value, ExitCodes.InputOutput);
            }

            stream = file.Stream;
        }

        using (file)
        {
            GenerationResult result;
            using (var writer = DelimitedDataWriter.Create(stream, plan, format == DataFormat.Tsv ? '\t' : ','))
            {
                var showProgress = !toStandardOutput && !settings.Quiet && environment.ErrorIsTerminal
                    && options.Rows * plan.ColumnCount >= ProgressThresholdCells;
                result = showProgress
                    ? RunWithProgress(plan, options, writer, environment, cancellationToken)
                    : Generator.Run(plan, options, writer, null, cancellationToken);
                if (result.Failure is { } failure)
                {
                    return Fail(
                        environment,
                        failure.ToDiagnostic(),
                        ExitCodes.Invalid,
                        toStandardOutput ? "standard output received the rows before it" : "no output was written");
                }

                writer.Complete();
            }

            if (toStandardOutput)
            {
                stream.Flush();
                return ExitCodes.Success;
            }

            if (file!.Commit() is { } commitProblem)
            {
                return Fail(environment, commitProblem, ExitCodes.InputOutput);
            }

            if (!settings.Quiet)
            {
                environment.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {result.RowsWritten:N0} rows x {plan.ColumnCount} columns to {settings.Out} (seed {options.Seed})"));
            }

            return ExitCodes.Success;
        }
    }

    private static GenerationResult RunWithProgress(SamplingPlan plan, GenerationOptions options, IBatchSink sink, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var console = DagSynthApp.CreateConsole(environment.Error, isTerminal: true);
        GenerationResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("generating", maxValue: options.Rows);
                result = Generator.Run(plan, options, sink, new CallbackProgress(rows => task.Value = rows), cancellationToken);
            });
        return result!;
    }

    private static int Fail(CliEnvironment environment, Diagnostic diagnostic, int exitCode, string? note = null)
    {
        environment.Error.WriteLine(diagnostic.ToString());
        if (note is not null)
        {
            environment.Error.WriteLine($"  note: {note}");
        }

        return exitCode;
    }

    private sealed class CallbackProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
