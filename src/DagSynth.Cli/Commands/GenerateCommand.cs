using System.ComponentModel;
using System.Globalization;
using System.Text;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.IO.Fakes;
using DagSynth.IO.Excel;
using DagSynth.IO.Files;
using DagSynth.IO.Outputs;
using DagSynth.Outputs;
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

        var (model, exitCode) = ModelLoading.Load(settings.Model, environment);
        if (model is null)
        {
            return exitCode;
        }

        // Rules proven impossible need no row check: the sampler never draws a zero-probability level.
        var proofs = model.Rules.IsEmpty ? null : InferenceEngine.Create(model).ProveRules();
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance, proofs);
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

            if (settings.Split is not null || settings.Variants is not null || format == DataFormat.Excel)
            {
                return Fail(environment, Diagnostic.Error(DiagnosticCodes.BadArgument, SourceSpan.InSource("--shard"), "--shard cannot be combined with --split, --variants or an Excel output"), ExitCodes.Usage);
            }
        }

        var (firstRow, rows) = shard is { } s ? s.RowsOf(settings.Rows!.Value) : (0L, settings.Rows!.Value);
        var options = new GenerationOptions
        {
            FirstRow = firstRow,
            Rows = rows,
            Seed = settings.Seed ?? model.Seed ?? 0,
            Threads = settings.Threads ?? Environment.ProcessorCount,
            BatchSize = settings.BatchSize,
        };

        if (!toStandardOutput)
        {
            return GenerateFiles(context, settings, environment, model, plan, options, format!.Value, shard, cancellationToken);
        }

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
            using (var writer = DelimitedDataWriter.Create(stream, OutputSchema.Data(model), format == DataFormat.Tsv ? '\t' : ',', writeHeader: shard is not { Index: > 0 }))
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

    /// <summary>
    /// Writes the output file and everything asked for beside it, all or nothing: every file goes to a
    /// temporary file, and all are moved into place only when every one is complete.
    /// </summary>
    private static int GenerateFiles(CommandContext context, Settings settings, CliEnvironment environment, Models.Model model, SamplingPlan plan, GenerationOptions options, DataFormat format, Shard? shard, CancellationToken cancellationToken)
    {
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
                    ? RunWithProgress(plan, runOptions, sink, environment, cancellationToken)
                    : Generator.Run(plan, runOptions, sink, null, cancellationToken);
                if (result.Failure is { } failure)
                {
                    return Fail(environment, failure.ToDiagnostic(), ExitCodes.Invalid, "no output was written");
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
