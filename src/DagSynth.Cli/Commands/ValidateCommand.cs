using System.ComponentModel;
using System.Globalization;
using DagSynth.Inference;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth validate MODEL</c>: checks a model and prints every problem, or "valid" and a summary.
/// Rules are proven exactly: a rule whose condition has positive probability is an error (DS0407)
/// naming the probability and a configuration that breaks it.
/// </summary>
internal sealed class ValidateCommand : Command<ValidateCommand.Settings>
{
    /// <summary>The options of <c>validate</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The model file.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: .yaml, .yml, .json, or a Bayesian network in .bif, .xmlbif, .xml, .net, .dsc, .uai or .xdsl.")]
        public string Model { get; init; } = string.Empty;
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var (model, exitCode) = ModelLoading.Load(settings.Model, environment);
        if (model is null)
        {
            return exitCode;
        }

        var proofs = InferenceEngine.Create(model).ProveRules();
        if (DiagnosticPrinter.PrintWithSummary(environment.Error, proofs.Diagnostics) > 0)
        {
            return ExitCodes.Invalid;
        }

        var proven = proofs.Proofs.Count(p => p.IsProven);
        var perRow = proofs.Proofs.Count(p => p.Status == RuleProofStatus.Undecided && p.Diagnostic is null);
        var detail = perRow == 0 ? $"{proven} proven" : $"{proven} proven, {perRow} checked on every row";
        var rules = model.Rules.Length == 0 ? "0 rules" : $"{model.Rules.Length} rule{(model.Rules.Length == 1 ? string.Empty : "s")} ({detail})";
        var calibration = model.Calibration is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"; calibration: {c.Parameters.Length} number{(c.Parameters.Length == 1 ? string.Empty : "s")} to fit, {c.Targets.Length} target{(c.Targets.Length == 1 ? string.Empty : "s")}")
            : string.Empty;
        environment.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"valid: {model.Name} — {model.Variables.Length} variables, {model.EdgeCount} edges, {model.FreeParameterCount} free parameters, {rules}{calibration}"));
        return ExitCodes.Success;
    }
}
