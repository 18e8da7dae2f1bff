using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using DagSynth.Cli.Rendering;
using DagSynth.Designs;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.IO.Fakes;
using DagSynth.IO.Excel;
using DagSynth.IO.Files;
using DagSynth.IO.Outputs;
using DagSynth.Outputs;
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
        [Description("The model file: .yaml, .yml, .json, or a Bayesian network in .bif, .xmlbif, .xml, .net, .dsc, .uai or .xdsl.")]
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
        [Description("Output file: .csv, .tsv, .parquet, .jsonl or .xlsx; '-' (the default) writes CSV to standard output.")]
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

        /// <summary>Whether to write the complete data too.</summary>
        [CommandOption("--shard <I/N>")]
        [Description("Write only shard I of N (from 0): contiguous rows, so the N outputs concatenated in order are one run's output (only the first has the header). I may be JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID.")]
        public string? Shard { get; init; }

        [CommandOption("--complete")]
        [Description("Also write the complete data, before missingness: NAME.complete.EXT.")]
        public bool Complete { get; init; }

        /// <summary>Whether to write the missingness mask too.</summary>
        [CommandOption("--mask")]
        [Description("Also write the missingness mask: NAME.mask.EXT, a true/false column per variable with missingness.")]
        public bool Mask { get; init; }

        /// <summary>The dirty-data profile.</summary>
        [CommandOption("--dirty <PROFILE>")]
        [Description("Plant dirty data: light, moderate, heavy, model (the model's 'dirty:' section, the default when it has one) or none. Writes NAME.clean.EXT and NAME.dirty-log.csv too.")]
        public string? Dirty { get; init; }

        /// <summary>The split.</summary>
        [CommandOption("--split <PARTS>")]
        [Description("Split the rows into files, e.g. train=0.8,test=0.2: NAME.train.EXT, NAME.test.EXT.")]
        public string? Split { get; init; }

        /// <summary>The stratification variable of the split.</summary>
        [CommandOption("--stratify <VAR>")]
        [Description("Stratify the split by a variable with levels (exact shares within each level).")]
        public string? Stratify { get; init; }

        /// <summary>The number of variants.</summary>
        [CommandOption("--variants <N>")]
        [Description("Write N datasets (NAME.v01.EXT ...) from seeds derived from the seed and the variant number, e.g. one per student.")]
        public int? Variants { get; init; }

        /// <summary>Whether to write the codebook.</summary>
        [CommandOption("--codebook")]
        [Description("Write a codebook: NAME.codebook.md and .json, and NAME.load.R and NAME.load.py that load the data with levels in model order.")]
        public bool Codebook { get; init; }

        /// <summary>Whether to write the answer key.</summary>
        [CommandOption("--answer-key")]
        [Description("Write the answer key: NAME.answer-key.md and .json (DAG, parameters, implied marginals and effects, missingness and dirty-data mechanisms).")]
        public bool AnswerKey { get; init; }

        /// <summary>Whether to leave out the run manifest.</summary>
        [CommandOption("--no-manifest")]
        [Description("Do not write NAME.manifest.json (written by default next to every output file).")]
        public bool NoManifest { get; init; }

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

            if (Variants is < 1 or > 9999)
            {
                return ValidationResult.Error($"--variants must be from 1 to 9999, not {Variants}");
            }

            if (Stratify is not null && Split is null)
            {
                return ValidationResult.Error("--stratify needs --split");
            }

            var extraFiles = Complete || Mask || Dirty is not null || Split is not null || Variants is not null || Codebook || AnswerKey;
            if (Out == "-" && extraFiles)
            {
                return ValidationResult.Error("--complete, --mask, --dirty, --split, --variants, --codebook and --answer-key write files next to the output: give --out FILE");
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

        var (model, exitCode) = ModelLoading.LoadCalibrated(settings.Model, environment, settings.Quiet, settings.Threads, cancellationToken);
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
            var proofs = model.Rules.IsEmpty ? null : InferenceEngine.Create(model).ProveRules();
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
        Shard? shard = null;
        if (settings.Shard is { } shardText)
        {
            (shard, var shardProblem) = Sampling.Shard.Parse(shardText, Environment.GetEnvironmentVariable);
            if (shard is null)
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--shard"), shardProblem!), ExitCodes.Usage);
            }

            if (settings.Split is not null || settings.Variants is not null || format == DataFormat.Excel || DesignBinding.AsksForDesign(settings))
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--shard"), "--shard cannot be combined with --split, --variants, an Excel output or a study design (--given, --do, --quota, ...)"), ExitCodes.Usage);
            }
        }

        var (firstRow, rows) = shard is { } s ? s.RowsOf(run.Rows) : (0L, run.Rows);
        var options = new GenerationOptions
        {
            FirstRow = firstRow,
            Rows = rows,
            Seed = settings.Seed ?? model.Seed ?? 0,
            Threads = settings.Threads ?? Environment.ProcessorCount,
            BatchSize = settings.BatchSize,
        };

        return toStandardOutput
            ? WriteToStandardOutput(settings, environment, run, options, format!.Value, shard, cancellationToken)
            : GenerateFiles(context, settings, environment, model, run, options, format!.Value, shard, cancellationToken);
    }

    /// <summary>
    /// Streams CSV to standard output. Nothing can be taken back there: rows written before a failure
    /// have been sent, and the note says so.
    /// </summary>
    private static int WriteToStandardOutput(Settings settings, CliEnvironment environment, Run run, GenerationOptions options, DataFormat format, Shard? shard, CancellationToken cancellationToken)
    {
        var stream = environment.OpenStandardOutput();
        using (var writer = DelimitedDataWriter.Create(stream, OutputSchema.Data(run.Layout.Model), format == DataFormat.Tsv ? '\t' : ',', writeHeader: shard is not { Index: > 0 }))
        {
            var result = run.Execute(options, writer, null, cancellationToken);
            const string Note = "standard output received the rows before it";
            if (result.Failure is { } failure)
            {
                return Fail(environment, failure.ToDiagnostic(), failure is RejectionLimitReached ? ExitCodes.Infeasible : ExitCodes.Invalid, Note);
            }

            if (!result.Problems.IsEmpty)
            {
                DiagnosticPrinter.Print(environment.Error, result.Problems);
                environment.Error.WriteLine($"  note: {Note}");
                return ExitCodes.Infeasible;
            }

            writer.Complete();
        }

        if (!settings.Quiet)
        {
            run.Report?.Invoke(environment.Error);
        }

        stream.Flush();
        return ExitCodes.Success;
    }

    /// <summary>
    /// Writes the output file and everything asked for beside it, all or nothing: every file goes to a
    /// temporary file, and all are moved into place only when every one is complete.
    /// </summary>
    private static int GenerateFiles(CommandContext context, Settings settings, CliEnvironment environment, Models.Model model, Run run, GenerationOptions options, DataFormat format, Shard? shard, CancellationToken cancellationToken)
    {
        var plan = run.Layout;
        model = plan.Model; // a design adds its columns (stratum, weight, potential outcomes) to the model it writes
        var dirtyName = settings.Dirty ?? (model.Dirty is not null ? "model" : null);
        Models.DirtyData? dirty = null;
        if (dirtyName is "model")
        {
            if (model.Dirty is null)
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--dirty"), "--dirty model: the model has no 'dirty:' section", "use a profile: light, moderate or heavy"), ExitCodes.Usage);
            }

            dirty = model.Dirty;
        }
        else if (dirtyName is not null and not "none")
        {
            dirty = Models.DirtyData.FromProfile(model, dirtyName);
            if (dirty is null)
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--dirty"), $"unknown dirty-data profile '{dirtyName}'", "profiles: light, moderate, heavy; or model, or none"), ExitCodes.Usage);
            }
        }

        DataSplit? split = null;
        if (settings.Split is { } splitText)
        {
            (split, var splitProblem) = DataSplit.Parse(splitText, model, settings.Stratify);
            if (split is null)
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--split"), splitProblem!), ExitCodes.Usage);
            }
        }

        if (format == DataFormat.Excel && options.Rows > XlsxDataWriter.MaxDataRows)
        {
            return Fail(
                environment,
                Diagnostic.Error(DiagnosticCodes.FormatRowLimit, SourceSpan.InSource(settings.Out), string.Create(CultureInfo.InvariantCulture, $"an Excel sheet holds at most {XlsxDataWriter.MaxDataRows:N0} data rows (1,048,576 with the header); {options.Rows:N0} were asked for"), "write .csv, .parquet or .jsonl for more rows, or use --split or fewer --rows"),
                ExitCodes.Usage);
        }

        var teaching = new TeachingOptions { Complete = settings.Complete, Mask = settings.Mask, Dirty = dirty, Split = split };
        var names = new OutputNames(settings.Out);
        var variantCount = settings.Variants ?? 0;
        var variants = variantCount == 0 ? [0] : Enumerable.Range(1, variantCount).ToArray();
        var parts = split is null ? [(string?)null] : split.Names.Select(n => (string?)n).ToArray();

        // Every path, known before anything is generated, so that an existing file stops the run at once.
        var planned = new List<string>();
        foreach (var variant in variants)
        {
            foreach (var part in parts)
            {
                var stem = names.Dataset(variant, variantCount, part);
                planned.Add(stem + names.Extension);
                if (dirty is not null)
                {
                    planned.Add(stem + ".clean" + names.Extension);
                    planned.Add(stem + ".dirty-log.csv");
                }

                if (settings.Complete)
                {
                    planned.Add(stem + ".complete" + names.Extension);
                }

                if (settings.Mask)
                {
                    planned.Add(stem + ".mask" + names.Extension);
                }
            }
        }

        var runFiles = new List<string>();
        if (settings.Codebook)
        {
            runFiles.AddRange(["codebook.md", "codebook.json", "load.R", "load.py"]);
        }

        if (settings.AnswerKey)
        {
            runFiles.AddRange(["answer-key.md", "answer-key.json"]);
        }

        if (!settings.NoManifest)
        {
            runFiles.Add("manifest.json");
        }

        planned.AddRange(runFiles.Select(names.RunFile));
        var problems = OutputFileSet.Check(planned, settings.Force);
        if (!problems.IsEmpty)
        {
            foreach (var problem in problems)
            {
                environment.Error.WriteLine(problem.ToString());
            }

            return ExitCodes.InputOutput;
        }

        var version = typeof(Models.Model).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var datasets = new List<(int Variant, ulong Seed, long Rows)>();
        var files = new List<(string Path, string Role, long Rows)>();
        using var set = new OutputFileSet(settings.Force);
        try
        {
            foreach (var variant in variants)
            {
                var seed = variant == 0 ? options.Seed : Variants.Seed(options.Seed, variant);
                var writerOptions = new DataWriterOptions
                {
                    Metadata =
                    [
                        KeyValuePair.Create("dagsynth.model", model.Name),
                        KeyValuePair.Create("dagsynth.version", version),
                        KeyValuePair.Create("dagsynth.format", "1"),
                        KeyValuePair.Create("dagsynth.seed", seed.ToString(CultureInfo.InvariantCulture)),
                    ],
                    CodebookSheet = format == DataFormat.Excel ? Codebook.Rows(model, format) : [],
                    WriteHeader = shard is not { Index: > 0 },
                };
                using var sink = new DatasetSink(model, seed, teaching, format, part => names.Dataset(variant, variantCount, part), names.Extension, set.Open, writerOptions);
                var runOptions = options with { Seed = seed };
                var showProgress = !settings.Quiet && environment.ErrorIsTerminal && options.Rows * plan.ColumnCount >= ProgressThresholdCells;
                var result = showProgress
                    ? RunWithProgress(run, runOptions, sink, environment, cancellationToken)
                    : run.Execute(runOptions, sink, null, cancellationToken);
                if (result.Failure is { } failure)
                {
                    return Fail(environment, failure.ToDiagnostic(), failure is RejectionLimitReached ? ExitCodes.Infeasible : ExitCodes.Invalid, "no output was written");
                }

                if (!result.Problems.IsEmpty)
                {
                    DiagnosticPrinter.Print(environment.Error, result.Problems);
                    environment.Error.WriteLine("  note: no output was written");
                    return ExitCodes.Infeasible;
                }

                if (!settings.Quiet && variant == variants[^1])
                {
                    run.Report?.Invoke(environment.Error);
                }

                sink.Complete();
                datasets.Add((variant, seed, result.RowsWritten));
                files.AddRange(sink.Files);
            }

            var dataFile = Path.GetFileName(names.Dataset(variants[0], variantCount, parts[0]) + names.Extension);
            void WriteText(string suffix, string role, string text)
            {
                var path = names.RunFile(suffix);
                var stream = set.Open(path);
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                files.Add((path, role, 0));
            }

            if (settings.Codebook)
            {
                WriteText("codebook.md", "codebook", Codebook.Markdown(model, format, dataFile));
                WriteText("codebook.json", "codebook", Codebook.Json(model, format, dataFile));
                WriteText("load.R", "loader", Codebook.RSnippet(model, format, dataFile));
                WriteText("load.py", "loader", Codebook.PythonSnippet(model, format, dataFile));
            }

            if (settings.AnswerKey)
            {
                var key = AnswerKey.Compute(model, options.Seed, dirty, BogusFakeTextSource.Instance);
                WriteText("answer-key.md", "answer-key", key.Markdown());
                WriteText("answer-key.json", "answer-key", key.Json());
            }

            if (!settings.NoManifest)
            {
                var hashes = set.CloseAndHash();
                var manifestOptions = new Dictionary<string, object?>
                {
                    ["rows"] = options.Rows,
                    ["first_row"] = options.FirstRow,
                    ["shard"] = shard is { } sh ? $"{sh.Index}/{sh.Count}" : null,
                    ["format"] = format.ToString().ToLowerInvariant(),
                    ["complete"] = settings.Complete,
                    ["mask"] = settings.Mask,
                    ["dirty"] = dirty?.Source,
                    ["split"] = settings.Split,
                    ["stratify"] = settings.Stratify,
                    ["variants"] = settings.Variants,
                    ["codebook"] = settings.Codebook,
                    ["answer_key"] = settings.AnswerKey,
                };
                var manifest = RunManifest.Json(version, settings.Model, model.Name, options.Seed, [.. context.Arguments], manifestOptions, datasets, files, hashes);
                var stream = set.Open(names.RunFile("manifest.json"));
                stream.Write(new UTF8Encoding(false).GetBytes(manifest));
            }
        }
        catch (DataFormatLimitException e)
        {
            return Fail(environment, Diagnostic.Error(DiagnosticCodes.FormatRowLimit, SourceSpan.InSource(settings.Out), e.Message), ExitCodes.Usage, "no output was written");
        }

        if (set.Commit() is { } commitProblem)
        {
            return Fail(environment, commitProblem, ExitCodes.InputOutput);
        }

        if (!settings.Quiet)
        {
            var main = files.FirstOrDefault(f => f.Role == "data");
            var more = set.Paths.Count() - 1;
            var suffix = more > 0 ? $" and {more} more file{(more == 1 ? string.Empty : "s")}" : string.Empty;
            environment.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {main.Rows:N0} rows x {plan.ColumnCount} columns to {main.Path} (seed {datasets[0].Seed}){suffix}"));
        }

        return ExitCodes.Success;
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
