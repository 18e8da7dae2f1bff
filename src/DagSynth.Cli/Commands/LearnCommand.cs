using System.ComponentModel;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.IO.Files;
using DagSynth.IO.Formats;
using DagSynth.IO.Formats.Export;
using DagSynth.Learning;
using DagSynth.Reports.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth learn DATA --dag MODEL --out MODEL</c>: estimates every conditional probability table
/// of a model of discrete tables from a CSV file (BDeu prior or maximum likelihood, missing cells
/// handled family by family) and writes the model with the learned tables, atomically. Structure
/// learning (no <c>--dag</c>) is not supported yet.
/// </summary>
internal sealed class LearnCommand : Command<LearnCommand.Settings>
{
    /// <summary>The options of <c>learn</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The data to learn from.</summary>
        [CommandArgument(0, "<DATA>")]
        [Description("The data: a CSV or TSV file with a header naming every variable, levels by name, empty cells missing.")]
        public string Data { get; init; } = string.Empty;

        /// <summary>The model whose DAG and levels are kept.</summary>
        [CommandOption("--dag <MODEL>")]
        [Description("The model whose DAG and levels are kept and whose tables are learned (any model format; every variable a discrete table). Required: structure learning is not supported yet.")]
        public string? Dag { get; init; }

        /// <summary>The model file to write.</summary>
        [CommandOption("-o|--out <MODEL>")]
        [Description("The model to write, with the learned tables; its extension chooses the format (.yaml .yml .json .bif .xmlbif .xml .net .dsc .uai .xdsl).")]
        public string? Output { get; init; }

        /// <summary>The prior.</summary>
        [CommandOption("--prior <PRIOR>")]
        [Description("bdeu (default): a Dirichlet prior with equivalent sample size --ess spread evenly over each table's cells; none: maximum likelihood (an unseen parent configuration gets a uniform row, with a warning).")]
        public string Prior { get; init; } = "bdeu";

        /// <summary>The equivalent sample size of BDeu.</summary>
        [CommandOption("--ess <N>")]
        [Description("The equivalent sample size of the BDeu prior (default 1).")]
        public double EquivalentSampleSize { get; init; } = 1;

        /// <summary>Whether the model's zero probabilities stay zero.</summary>
        [CommandOption("--keep-zeros")]
        [Description("Keep the structural zeros of the --dag model: a probability that is 0 there stays 0, and its row is renormalised over the others.")]
        public bool KeepZeros { get; init; }

        /// <summary>Whether an existing output may be replaced.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace the output if it exists.")]
        public bool Force { get; init; }

        /// <summary>Whether losses are accepted.</summary>
        [CommandOption("--lossy")]
        [Description("Write even what the output's format cannot fully express (rules, the default seed, names it cannot hold), with a warning for each loss.")]
        public bool Lossy { get; init; }

        /// <summary>Whether to print nothing but problems.</summary>
        [CommandOption("-q|--quiet")]
        [Description("Print nothing but problems.")]
        public bool Quiet { get; init; }

        /// <summary>The prior, parsed (null when unknown).</summary>
        internal PriorKind? PriorKind => Prior.ToUpperInvariant() switch
        {
            "BDEU" => Learning.PriorKind.BDeu,
            "NONE" => Learning.PriorKind.None,
            _ => null,
        };

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } problem)
            {
                return problem;
            }

            if (Dag is null)
            {
                return ValidationResult.Error("structure learning is not supported yet: give the DAG with --dag MODEL, and learn checks it against the data and estimates its tables");
            }

            if (Output is null)
            {
                return ValidationResult.Error("--out is required: the model file to write, e.g. --out learned.yaml");
            }

            if (PriorKind is null)
            {
                return ValidationResult.Error($"--prior must be bdeu or none, not '{Prior}'");
            }

            return EquivalentSampleSize > 0 && double.IsFinite(EquivalentSampleSize)
                ? ValidationResult.Success()
                : ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--ess must be a positive number, not {EquivalentSampleSize}"));
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var output = settings.Output!;
        var (format, formatProblem) = ModelFormats.FromPath(output, "output");
        if (format is not { } outputFormat)
        {
            environment.Error.WriteLine(formatProblem!.Value.ToString());
            return ExitCodes.Usage;
        }

        if (OutputFile.Check(output, settings.Force) is { } outputProblem)
        {
            environment.Error.WriteLine(outputProblem.ToString());
            return ExitCodes.InputOutput;
        }

        var (model, exitCode) = ModelLoading.Load(settings.Dag!, environment);
        if (model is null)
        {
            return exitCode;
        }

        if (DiagnosticPrinter.PrintWithSummary(environment.Error, ParameterLearner.Check(model)) > 0)
        {
            environment.Error.WriteLine($"  note: {output} was not written");
            return ExitCodes.Invalid;
        }

        var (data, readProblems) = CsvDatasetReader.Read(settings.Data, model);
        DiagnosticPrinter.PrintWithSummary(environment.Error, readProblems);
        if (data is null)
        {
            return readProblems.Any(d => d.Code == DiagnosticCodes.CannotRead) ? ExitCodes.InputOutput : ExitCodes.Invalid;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var columns = model.Variables.Select(v => (ReadOnlyMemory<ushort>)data.Codes(v.Index).ToArray()).ToList();
        var options = new LearningOptions
        {
            Prior = settings.PriorKind!.Value,
            EquivalentSampleSize = settings.EquivalentSampleSize,
            KeepZeros = settings.KeepZeros,
        };
        var result = ParameterLearner.Learn(model, columns, options);
        if (result.Model is not { } learned)
        {
            DiagnosticPrinter.PrintWithSummary(environment.Error, result.Diagnostics);
            environment.Error.WriteLine($"  note: {output} was not written");
            return ExitCodes.Invalid;
        }

        DiagnosticPrinter.Print(environment.Error, result.Diagnostics);

        if (ModelOutput.Write(learned, outputFormat, output, settings.Force, settings.Lossy, environment) is { } failed)
        {
            return failed;
        }

        if (!settings.Quiet)
        {
            var prior = options.Prior == PriorKind.BDeu
                ? string.Create(CultureInfo.InvariantCulture, $"BDeu, ESS {options.EquivalentSampleSize}")
                : "maximum likelihood";
            prior += options.KeepZeros ? ", zeros kept" : string.Empty;
            var fewest = result.FewestRowsUsed;
            var used = fewest == result.Rows
                ? "every row used"
                : string.Create(CultureInfo.InvariantCulture, $"each table used {fewest:N0} to {result.Counts.Max(c => c.RowsUsed):N0} of them: rows where its variables are observed");
            environment.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"learned {learned.Variables.Length} tables ({prior}) from {result.Rows:N0} rows ({used}), {result.UnseenConfigurations} unseen parent configurations; wrote {output} ({ModelFormats.DisplayName(outputFormat)})"));
        }

        return ExitCodes.Success;
    }
}
