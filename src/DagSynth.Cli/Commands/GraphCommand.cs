using System.ComponentModel;
using DagSynth.IO.Files;
using DagSynth.Reports.Graphs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth graph MODEL --out FILE</c>: draws the model's DAG as SVG (laid out in layers), or
/// writes it as Graphviz DOT or a Mermaid flowchart, by the output's extension.
/// </summary>
internal sealed class GraphCommand : Command<GraphCommand.Settings>
{
    /// <summary>The options of <c>graph</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The model file.</summary>
        [CommandArgument(0, "<MODEL>")]
        [Description("The model file: .yaml, .yml, .json, or a Bayesian network in .bif, .xmlbif, .xml, .net, .dsc, .uai or .xdsl.")]
        public string Model { get; init; } = string.Empty;

        /// <summary>The output path.</summary>
        [CommandOption("-o|--out <FILE>")]
        [Description("Output file (required): .svg draws the graph; .dot or .gv writes Graphviz DOT; .mmd or .mermaid a Mermaid flowchart.")]
        public string? Out { get; init; }

        /// <summary>The direction of the arrows.</summary>
        [CommandOption("-d|--direction <DIRECTION>")]
        [Description("lr (causes on the left, the default) or tb (causes at the top).")]
        [DefaultValue("lr")]
        public string Direction { get; init; } = "lr";

        /// <summary>Whether to label arcs with their strength.</summary>
        [CommandOption("--edge-labels")]
        [Description("Label each arc of the discrete part with its strength: the largest change in the child's distribution when the parent changes (0 to 1).")]
        public bool EdgeLabels { get; init; }

        /// <summary>Whether to leave out the legend.</summary>
        [CommandOption("--no-legend")]
        [Description("Leave out the legend of node kinds (SVG).")]
        public bool NoLegend { get; init; }

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
                return ValidationResult.Error("--out is required: the file to write, e.g. --out dag.svg");
            }

            return Direction is not ("lr" or "tb")
                ? ValidationResult.Error($"--direction must be lr or tb, not '{Direction}'")
                : ValidationResult.Success();
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var path = settings.Out!;
        var (chosen, formatProblem) = GraphFormats.FromPath(path);
        if (chosen is not { } format)
        {
            environment.Error.WriteLine(formatProblem!.Value.ToString());
            return ExitCodes.Usage;
        }

        if (OutputFile.Check(path, settings.Force) is { } outputProblem)
        {
            environment.Error.WriteLine(outputProblem.ToString());
            return ExitCodes.InputOutput;
        }

        var (model, exitCode) = ModelLoading.Load(settings.Model, environment);
        if (model is null)
        {
            return exitCode;
        }

        var options = new GraphOptions
        {
            Direction = settings.Direction == "tb" ? GraphDirection.TopToBottom : GraphDirection.LeftToRight,
            EdgeLabels = settings.EdgeLabels,
            Legend = !settings.NoLegend,
        };
        var text = DagGraph.Write(model, format, options);
        return TextOutput.Write(environment, path, settings.Force, text, settings.Quiet, $"wrote the DAG of {model.Name} ({model.Variables.Length} variables, {model.EdgeCount} arrows) to {path}");
    }
}
