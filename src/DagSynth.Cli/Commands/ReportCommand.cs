using DagSynth.Models;
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using DagSynth.Calibration;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.IO.Files;
using DagSynth.Reports;
using DagSynth.Reports.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth report MODEL --out report.html</c>: generates a dataset (or reads one with
/// <c>--data</c>) and writes one self-contained HTML page comparing what the model declares with what
/// the data show.
/// </summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
    /// <summary>XORed with the data's seed to give the seed of the simulated sample: a different, fixed stream.</summary>
    public const ulong SimulationSeedMask = 0x9E3779B97F4A7C15;

    /// <summary>The options of <c>report</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The model file.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: .yaml, .yml, .json, or a Bayesian network in .bif, .xmlbif, .xml, .net, .dsc, .uai or .xdsl.")]
        public string Model { get; init; } = string.Empty;

        /// <summary>The output path.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("The report to write (required): an .html file.")]
        public string? Out { get; init; }

        /// <summary>A data file to compare with the model, instead of generating.</summary>
        [CommandOption("--data <FILE>")]
        [Description("Compare the model with this CSV or TSV file (as 'generate' writes it) instead of generating data.")]
        public string? Data { get; init; }

        /// <summary>The number of rows to generate.</summary>
        [CommandOption("-n|--rows <N>")]
        [Description("Rows to generate for the report (default 10000); not with --data.")]
        public long? Rows { get; init; }

        /// <summary>The seed.</summary>
        [CommandOption("-s|--seed <SEED>")]
        [Description("Seed of the generated data. Default: the model's 'seed:', else 0. The same seed gives the same data as 'generate'.")]
        public ulong? Seed { get; init; }

        /// <summary>Rows simulated for declared values that are not exact.</summary>
        [CommandOption("--simulate-rows <N>")]
        [Description("Rows simulated (with their own seed) for the declared values that exact inference does not give: numbers and what depends on them. Default: 10 times the data's rows, at least 200000 and at most 5000000.")]
        public long? SimulationRows { get; init; }

        /// <summary>The number of sampling threads.</summary>
        [CommandOption("-t|--threads <T>")]
        [Description("Sampling threads. Default: one per processor. The report is the same for every value.")]
        public int? Threads { get; init; }

        /// <summary>The memory budget in MiB.</summary>
        [CommandOption("--memory-budget <MIB>")]
        [Description("The most memory, in MiB, that one exact computation may take; beyond it, declared values are simulated.")]
        [DefaultValue(1024L)]
        public long MemoryBudget { get; init; } = 1024;

        /// <summary>Whether an existing output may be replaced.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace the output file if it exists.")]
        public bool Force { get; init; }

        /// <summary>Whether to print nothing but problems.</summary>
        [CommandOption("-q|--quiet")]
        [Description("Print nothing but problems.")]
        public bool Quiet { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Out))
            {
                return ValidationResult.Error("--out is required: the report to write, e.g. --out report.html");
            }

            if (Data is not null && (Rows is not null || Seed is not null))
            {
                return ValidationResult.Error("--data compares the model with a file; --rows and --seed are for generated data, so give one or the other");
            }

            if (Rows is < 1 or > int.MaxValue)
            {
                return ValidationResult.Error($"--rows must be from 1 to {int.MaxValue}, not {Rows}");
            }

            if (SimulationRows is < 0 or > int.MaxValue)
            {
                return ValidationResult.Error($"--simulate-rows must be from 0 to {int.MaxValue}, not {SimulationRows}");
            }

            if (Threads is < 1)
            {
                return ValidationResult.Error($"--threads must be 1 or more, not {Threads}");
            }

            return MemoryBudget is < 1 or > (1L << 40) / (1024 * 1024)
                ? ValidationResult.Error($"--memory-budget must be from 1 to 1048576 MiB, not {MemoryBudget}")
                : ValidationResult.Success();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var path = settings.Out!;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".html" or ".htm"))
        {
            environment.Error.WriteLine(Diagnostic.Error(
                DiagnosticCodes.UnknownFormat,
                SourceSpan.InSource(path),
                extension.Length == 0 ? "cannot tell the report format: the file name has no extension" : $"'{extension}' is not a report format DagSynth writes",
                "end the report's file name in .html").ToString());
            return ExitCodes.Usage;
        }

        if (OutputFile.Check(path, settings.Force) is { } outputProblem)
        {
            environment.Error.WriteLine(outputProblem.ToString());
            return ExitCodes.InputOutput;
        }

        var (model, exitCode) = ModelLoading.LoadCalibrated(settings.Model, environment, quiet: false, settings.Threads, cancellationToken);
        if (model is null)
        {
            return exitCode;
        }

        var threads = settings.Threads ?? Environment.ProcessorCount;
        Dataset data;
        DataSource source;
        ulong seed;
        if (settings.Data is { } dataPath)
        {
            var (read, diagnostics) = CsvDatasetReader.Read(dataPath, model);
            DiagnosticPrinter.PrintWithSummary(environment.Error, diagnostics);
            if (read is null)
            {
                return diagnostics.Any(d => d.Code == DiagnosticCodes.CannotRead) ? ExitCodes.InputOutput : ExitCodes.Invalid;
            }

            data = read;
            seed = model.Seed ?? 0;
            source = DataSource.FromFile(Path.GetFileName(dataPath), Sha256(dataPath));
        }
        else
        {
            seed = settings.Seed ?? model.Seed ?? 0;
            var (generated, problems) = GeneratedData.Generate(model, settings.Rows ?? 10_000, seed, threads, cancellationToken);
            if (generated is null)
            {
                DiagnosticPrinter.Print(environment.Error, problems);
                environment.Error.WriteLine("  note: no report was written");
                return ExitCodes.Invalid;
            }

            data = generated;
            source = DataSource.FromGeneration(seed);
        }

        var request = new ReportRequest
        {
            Model = model,
            Data = data,
            Source = source,
            ModelFile = Path.GetFileName(settings.Model),
            ModelSha256 = Sha256(settings.Model),
            SimulationRows = settings.SimulationRows ?? DefaultSimulationRows(data.Rows),
            SimulationSeed = seed ^ SimulationSeedMask,
            Timestamp = Now(),
            Version = typeof(ReportCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            CommandLine = "dagsynth " + string.Join(' ', context.Arguments.Select(Quote)),
            Inference = new InferenceOptions { MemoryBudgetBytes = settings.MemoryBudget * 1024 * 1024 },
            Threads = threads,

            // The options CalibrateFirst solves with: a calibrated model is evaluated on the rows it was solved on.
            TargetOptions = new CalibrationOptions { Threads = threads },
            Missingness = [.. model.Variables
                .Where(v => v.Missing is not null)
                .Select(v => new MissingnessDeclaration(v.Index, v.Missing!.Describe(), v.Missing.Kind == MissingnessKind.Mcar ? v.Missing.Rate : double.NaN))],
        };
        var result = HtmlReport.Write(request, cancellationToken);
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {path}: {data.Rows:N0} rows, {result.Flags} of {result.Checks} checks outside their 95% interval (about {result.Checks * 0.05:0.#} expected by chance){(model.Rules.IsEmpty ? string.Empty : result.RuleProblems == 0 ? ", every rule kept" : $", {result.RuleProblems} rule problem(s)")}{(result.Targets == 0 ? string.Empty : $", {result.TargetsMet} of {result.Targets} calibration targets met")}");
        return TextOutput.Write(environment, path, settings.Force, result.Html, settings.Quiet, summary);
    }

    /// <summary>
    /// Ten times the data's rows, so that the simulated declared values' own error is a third of the
    /// data's and flags stay near 5% (about 6%); at least 200,000, and at most 5 million (the sample
    /// is held in memory: about 60 bytes a row for cvd-risk).
    /// </summary>
    public static long DefaultSimulationRows(long dataRows) => Math.Clamp(10 * dataRows, 200_000, 5_000_000);

    /// <summary>The report's time: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, for reproducible builds) when set, else now.</summary>
    private static DateTimeOffset Now() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UtcNow;

    private static string? Sha256(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=,:+".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
