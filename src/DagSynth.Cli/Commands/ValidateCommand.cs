using System.ComponentModel;
using System.Globalization;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary><c>dagsynth validate MODEL</c>: checks a model and prints every problem, or "valid" and a summary.</summary>
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

        environment.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"valid: {model.Name} — {model.Variables.Length} variables, {model.EdgeCount} edges, {model.FreeParameterCount} free parameters, {model.Rules.Length} rules"));
        return ExitCodes.Success;
    }
}
