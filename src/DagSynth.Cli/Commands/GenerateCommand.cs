using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using DagSynth.Cli.Rendering;
using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.IO.Fakes;
using DagSynth.IO.Files;
using DagSynth.Models;
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
        [Description("The model file (.yaml, .yml or .json).")]
        public string Model { get; init; } = string.Empty;

        /// <summary>The number of rows.</summary>
        [CommandOption("-n|--rows <N>")]
        [Description("Number of rows to generate (required, except for --quota and --case-control designs, which say how many).")]
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

        /// <summary>Conditions every row meets.</summary>
        [CommandOption("-g|--given <CONDITION>")]
        [Description("Draw rows from the model given this condition: VAR=LEVEL (exact), or an expression such as \"sbp >= 140\". Repeat for several.")]
        public string[] Given { get; init; } = [];

        /// <summary>Interventions.</summary>
        [CommandOption("--do <VAR=VALUE>")]
        [Description("Generate from the model with VAR forced to a level or number (its incoming edges cut). Repeat for several.")]
        public string[] Do { get; init; } = [];

        /// <summary>Randomised variables.</summary>
        [CommandOption("--randomize <VAR>")]
        [Description("Allocate VAR at random with equal probabilities, whatever its parents (a randomised trial).")]
        public string[] Randomize { get; init; } = [];

        /// <summary>Quotas.</summary>
        [CommandOption("--quota <VAR=LEVEL:N>")]
        [Description("Draw N rows from this stratum (VAR=LEVEL, or several as A=a,B=b), rows of each stratum together, in order. Repeat for each stratum.")]
        public string[] Quotas { get; init; } = [];

        /// <summary>The case definition.</summary>
        [CommandOption("--case-control <VAR=LEVEL>")]
        [Description("A case-control design: cases have VAR=LEVEL; controls the other level (or --controls).")]
        public string? CaseControl { get; init; }

        /// <summary>The control definition.</summary>
        [CommandOption("--controls <VAR=LEVEL>")]
        [Description("The controls' level of the case variable (default: its other level, when it has two).")]
        public string? Controls { get; init; }

        /// <summary>The number of cases.</summary>
        [CommandOption("--cases <N>")]
        [Description("The number of cases (default: --rows divided by 1 + controls per case).")]
        public long? Cases { get; init; }

        /// <summary>Controls per case.</summary>
        [CommandOption("--controls-per-case <K>")]
        [Description("Controls per case, in every stratum of the matching variables.")]
        [DefaultValue(1)]
        public int ControlsPerCase { get; init; } = 1;

        /// <summary>Matching variables.</summary>
        [CommandOption("--match <VARS>")]
        [Description("Frequency-match controls to cases on these discrete variables (comma-separated).")]
        public string[] Match { get; init; } = [];

        /// <summary>Whether to add a weight column.</summary>
        [CommandOption("--weights")]
        [Description("Add a 'weight' column (population share / sample share of the row's stratum) to quota and case-control designs.")]
        public bool Weights { get; init; }

        /// <summary>The treatment of potential outcomes.</summary>
        [CommandOption("--potential-outcomes <TREATMENT>")]
        [Description("Add, for each --outcome Y and each level t of TREATMENT, a column Y_do_TREATMENT_t: Y had the treatment been t (common random numbers).")]
        public string? PotentialOutcomes { get; init; }

        /// <summary>The outcomes of potential outcomes.</summary>
        [CommandOption("--outcome <VAR>")]
        [Description("An outcome for --potential-outcomes (repeat for several).")]
        public string[] Outcomes { get; init; } = [];

        /// <summary>The bound on rejection.</summary>
        [CommandOption("--max-attempts <N>")]
        [Description("For conditions met by rejection: the most draws per row before stopping with an error (exit code 4).")]
        [DefaultValue(10000)]
        public int MaxAttempts { get; init; } = 10000;

        /// <summary>The memory budget of exact conditioning, in MiB.</summary>
        [CommandOption("--memory-budget <MIB>")]
        [Description("The most memory, in MiB, that exact conditioning may take (DS0402, exit code 4, beyond).")]
        [DefaultValue(1024L)]
        public long MemoryBudget { get; init; } = 1024;

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (Rows is null && Quotas.Length == 0 && CaseControl is null)
            {
                return ValidationResult.Error("--rows is required: how many rows to generate, e.g. --rows 1000");
            }

            if (MaxAttempts < 1)
            {
                return ValidationResult.Error($"--max-attempts must be 1 or more, not {MaxAttempts}");
            }

            if (ControlsPerCase < 1)
            {
                return ValidationResult.Error($"--controls-per-case must be 1 or more, not {ControlsPerCase}");
            }

            if (MemoryBudget is < 1 or > (1L << 40) / (1024 * 1024))
            {
                return ValidationResult.Error($"--memory-budget must be from 1 to 1048576 MiB, not {MemoryBudget}");
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

        Run run;
        if (DesignBinding.AsksForDesign(settings))
        {
            if (PrepareDesign(model, settings, environment, out exitCode) is not { } designed)
            {
                return exitCode;
            }

            run = designed;
        }
        else
        {
            // Rules proven impossible need no row check: the sampler never draws a zero-probability level.
            var proofs = model.Rules.IsEmpty || !model.IsDiscreteTables ? null : InferenceEngine.Create(model).ProveRules();
            var plain = SamplingPlan.Compile(model, BogusFakeTextSource.Instance, proofs);
            run = new Run(plain, settings.Rows!.Value, (o, sink, progress, ct) =>
            {
                var r = Generator.Run(plain, o, sink, progress, ct);
                return (r.RowsWritten, r.Failure, []);
            });
        }

        var plan = run.Layout;
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
            Rows = run.Rows,
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
            (long RowsWritten, GenerationFailure? Failure, ImmutableArray<Diagnostic> Problems) result;
            using (var writer = DelimitedDataWriter.Create(stream, plan, format == DataFormat.Tsv ? '\t' : ','))
            {
                var showProgress = !toStandardOutput && !settings.Quiet && environment.ErrorIsTerminal
                    && options.Rows * plan.ColumnCount >= ProgressThresholdCells;
                result = showProgress
                    ? RunWithProgress(run, options, writer, environment, cancellationToken)
                    : run.Execute(options, writer, null, cancellationToken);
                var note = toStandardOutput ? "standard output received the rows before it" : "no output was written";
                if (result.Failure is { } failure)
                {
                    return Fail(environment, failure.ToDiagnostic(), failure is RejectionLimitReached ? ExitCodes.Infeasible : ExitCodes.Invalid, note);
                }

                if (!result.Problems.IsEmpty)
                {
                    DiagnosticPrinter.Print(environment.Error, result.Problems);
                    environment.Error.WriteLine($"  note: {note}");
                    return ExitCodes.Infeasible;
                }

                writer.Complete();
            }

            if (!settings.Quiet)
            {
                run.Report?.Invoke(environment.Error);
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

    private static (long RowsWritten, GenerationFailure? Failure, ImmutableArray<Diagnostic> Problems) RunWithProgress(Run run, GenerationOptions options, IBatchSink sink, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var console = DagSynthApp.CreateConsole(environment.Error, isTerminal: true);
        (long RowsWritten, GenerationFailure? Failure, ImmutableArray<Diagnostic> Problems)? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("generating", maxValue: options.Rows);
                result = run.Execute(options, sink, new CallbackProgress(rows => task.Value = rows), cancellationToken);
            });
        return result!.Value;
    }

    /// <summary>
    /// Compiles the design the options ask for; on failure prints the diagnostics and returns null with
    /// the exit code: 4 for impossible evidence or an exact computation that does not fit, 2 otherwise.
    /// </summary>
    private static Run? PrepareDesign(Model model, Settings settings, CliEnvironment environment, out int exitCode)
    {
        var (request, problems) = DesignBinding.Bind(model, settings);
        if (request is null)
        {
            DiagnosticPrinter.Print(environment.Error, problems);
            exitCode = ExitCodes.Usage;
            return null;
        }

        var (design, diagnostics) = StudyDesign.Create(model, request, BogusFakeTextSource.Instance);
        if (design is null)
        {
            DiagnosticPrinter.Print(environment.Error, diagnostics);
            exitCode = diagnostics.Any(d => d.Code is DiagnosticCodes.ImpossibleEvidence or DiagnosticCodes.MemoryBudgetExceeded)
                ? ExitCodes.Infeasible
                : ExitCodes.Usage;
            return null;
        }

        if (settings.Rows is { } rows && rows != design.Rows)
        {
            environment.Error.WriteLine(Diagnostic.Error(
                DiagnosticCodes.BadArgument,
                SourceSpan.None,
                string.Create(CultureInfo.InvariantCulture, $"--rows {rows:N0} does not match the design, which makes {design.Rows:N0} rows"),
                "leave --rows out, or make the quotas (or cases and controls) add up to it").ToString());
            exitCode = ExitCodes.Usage;
            return null;
        }

        exitCode = ExitCodes.Success;
        DesignResult? outcome = null;
        return new Run(
            design.Layout,
            design.Rows,
            (o, sink, progress, ct) =>
            {
                outcome = design.Run(o, sink, progress, ct);
                return (outcome.RowsWritten, outcome.Failure, outcome.Diagnostics);
            })
        {
            Report = error => DesignReport.Write(error, design, outcome!),
        };
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

    /// <summary>What to generate: the plan whose columns are written, the rows, how to run, and what to report after.</summary>
    private sealed record Run(
        SamplingPlan Layout,
        long Rows,
        Func<GenerationOptions, IBatchSink, IProgress<long>?, CancellationToken, (long RowsWritten, GenerationFailure? Failure, ImmutableArray<Diagnostic> Problems)> Execute)
    {
        public Action<TextWriter>? Report { get; init; }
    }

    private sealed class CallbackProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
