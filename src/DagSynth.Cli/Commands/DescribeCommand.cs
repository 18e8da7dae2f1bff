using System.Collections.Immutable;
using System.ComponentModel;
using DagSynth.Cli.Rendering;
using DagSynth.Diagnostics;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary>
/// <c>dagsynth describe MODEL</c>: what the data will look like before it is generated: the exact
/// marginal of every variable (optionally given evidence), arc strengths, rule proofs, implied
/// associations (crude and causal) and graph facts (relatives, Markov blanket, d-separation).
/// </summary>
internal sealed class DescribeCommand : Command<DescribeCommand.Settings>
{
    /// <summary>Level names taken as "the event" of an outcome, in order of preference (case-insensitive).</summary>
    private static readonly string[] EventNames = ["true", "yes", "present", "positive", "1", "case", "event"];

    /// <summary>Level names taken as the reference of an exposure, in order of preference (case-insensitive).</summary>
    private static readonly string[] ReferenceNames = ["false", "no", "absent", "negative", "0", "none", "never", "control", "unexposed"];

    /// <summary>The options of <c>describe</c>.</summary>
    public sealed class Settings : InferenceSettings
    {
        /// <summary>Evidence for the marginals.</summary>
        [CommandOption("-g|--given <VAR=LEVEL>")]
        [Description("Show marginals given this observation (repeat for several).")]
        public string[] Given { get; init; } = [];

        /// <summary>Interventions applied before anything is computed.</summary>
        [CommandOption("--do <VAR=LEVEL>")]
        [Description("Describe the model after the intervention do(VAR=LEVEL): VAR's incoming edges cut, VAR fixed (repeat for several).")]
        public string[] Do { get; init; } = [];

        /// <summary>The outcome of the associations.</summary>
        [CommandOption("--outcome <VAR[=LEVEL]>")]
        [Description("Report associations with this outcome level (default level: true/yes/present..., else the last).")]
        public string? Outcome { get; init; }

        /// <summary>The exposures of the associations.</summary>
        [CommandOption("--exposure <VAR[=REF]>")]
        [Description("An exposure for --outcome, with its reference level (default: false/no/absent..., else the first). Repeat for several; default: every ancestor of the outcome.")]
        public string[] Exposures { get; init; } = [];

        /// <summary>Variables to show graph facts about.</summary>
        [CommandOption("--variable <VAR>")]
        [Description("Show the parents, children, Markov blanket, ancestors and descendants of this variable (repeat for several).")]
        public string[] Variables { get; init; } = [];

        /// <summary>Independence statements to test.</summary>
        [CommandOption("--dsep <STATEMENT>")]
        [Description("Test a d-separation, written \"X _||_ Y | Z1, Z2\" (repeat for several).")]
        public string[] DSeparations { get; init; } = [];

        /// <summary>Rows simulated for the variables exact inference does not cover.</summary>
        [CommandOption("--simulate-rows <N>")]
        [Description("Rows simulated (with the model's seed) to estimate the variables that exact inference does not cover: numbers, and discrete variables that depend on them.")]
        [DefaultValue(100_000L)]
        public long SimulationRows { get; init; } = 100_000;
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var environment = (CliEnvironment)context.Data!;
        var (model, exitCode) = ModelLoading.LoadCalibrated(settings.Model, environment, quiet: false, threads: null, cancellationToken);
        if (model is null)
        {
            return exitCode;
        }

        var interventions = new List<InterventionSetting>();
        var doProblems = new List<Diagnostic>();
        foreach (var text in settings.Do)
        {
            var (setting, d) = Designs.EvidenceParser.ParseIntervention(text, model, "--do");
            doProblems.AddRange(d);
            if (setting is { } x)
            {
                if (interventions.Any(i => i.Variable == x.Variable))
                {
                    doProblems.Add(Diagnostic.Error(DiagnosticCodes.QueryConflict, new SourceSpan("--do", 1, 1), $"'{model.Variables[x.Variable].Name}' is intervened on twice"));
                }

                interventions.Add(x);
            }
        }

        if (doProblems.Count > 0)
        {
            DiagnosticPrinter.Print(environment.Error, doProblems);
            return ExitCodes.Usage;
        }

        model = Intervention.Apply(model, interventions);
        var request = Bind(model, settings, out var problems);
        if (request is null)
        {
            DiagnosticPrinter.Print(environment.Error, problems);
            return ExitCodes.Usage;
        }

        var engine = InferenceEngine.Create(model, settings.InferenceOptions);
        var marginals = engine.Marginals(request.Evidence);
        if (!marginals.Succeeded)
        {
            DiagnosticPrinter.Print(environment.Error, marginals.Diagnostics);
            return ExitCodes.Infeasible;
        }

        var (arcs, arcProblems) = engine.ArcStrengths();
        var report = new DescribeReport(
            model,
            marginals,
            arcs,
            engine.ProveRules(),
            request.Outcome is { } outcome ? engine.Associations(outcome, request.Exposures) : null,
            request.Variables,
            [.. request.Independences.Select(q => (q, DagAnalysis.IsDSeparated(model, q.Left, q.Right, q.Given)))],
            engine.Part,
            Simulate(model, engine.Part, request, settings, cancellationToken))
        {
            Interventions = [.. interventions],
        };

        if (settings.Json)
        {
            DescribeJson.Write(environment.Out, report);
        }
        else
        {
            DescribeText.Write(environment.Out, report);
        }

        DiagnosticPrinter.Print(environment.Error, arcProblems.Concat(report.Associations?.Diagnostics ?? []));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Monte-Carlo estimates for the variables outside the exact part (before any evidence: sampling
    /// given evidence is not available here, so with evidence they are left out and the text says so).
    /// </summary>
    private static DagSynth.Inference.Simulation.SimulationSummary? Simulate(Model model, DiscretePart part, Request request, Settings settings, CancellationToken cancellationToken)
    {
        var outside = model.Variables.Where(v => !part.IsExact(v.Index) && v.Kind != VariableKind.Text).Select(v => v.Index).ToList();
        return outside.Count == 0 || !request.Evidence.IsEmpty
            ? null
            : DagSynth.Inference.Simulation.Simulator.Summarize(model, outside, settings.SimulationRows, model.Seed ?? 1, cancellationToken);
    }

    /// <summary>Resolves every option against the model, collecting every problem.</summary>
    private static Request? Bind(Model model, Settings settings, out List<Diagnostic> problems)
    {
        problems = [];
        var given = new List<LevelAssignment>();
        foreach (var text in settings.Given)
        {
            var (a, d) = QueryParser.ParseAssignment(text, model, levelRequired: true, "--given");
            problems.AddRange(d);
            if (a is { } assignment)
            {
                if (given.Any(g => g.Variable == assignment.Variable))
                {
                    problems.Add(Diagnostic.Error(DiagnosticCodes.QueryConflict, new SourceSpan("--given", 1, 1), $"'{model.Variables[assignment.Variable].Name}' is given twice"));
                }

                given.Add(assignment);
            }
        }

        LevelAssignment? outcome = null;
        if (settings.Outcome is { } outcomeText)
        {
            var (a, d) = QueryParser.ParseAssignment(outcomeText, model, levelRequired: false, "--outcome");
            problems.AddRange(d);
            if (a is { } o)
            {
                outcome = o.Level >= 0 ? o : o with { Level = Preferred(model.Variables[o.Variable], EventNames, last: true) };
            }
        }

        var exposures = new List<LevelAssignment>();
        foreach (var text in settings.Exposures)
        {
            var (a, d) = QueryParser.ParseAssignment(text, model, levelRequired: false, "--exposure");
            problems.AddRange(d);
            if (a is { } e)
            {
                exposures.Add(e.Level >= 0 ? e : e with { Level = Preferred(model.Variables[e.Variable], ReferenceNames, last: false) });
            }
        }

        if (exposures.Count > 0 && settings.Outcome is null)
        {
            problems.Add(Diagnostic.Error(DiagnosticCodes.BadArgument, new SourceSpan("--exposure", 1, 1), "--exposure needs --outcome", "add --outcome VARIABLE[=LEVEL]"));
        }

        if (outcome is { } y)
        {
            if (exposures.Any(e => e.Variable == y.Variable))
            {
                problems.Add(Diagnostic.Error(DiagnosticCodes.QueryConflict, new SourceSpan("--exposure", 1, 1), $"'{model.Variables[y.Variable].Name}' is the outcome; it cannot also be an exposure"));
            }
            else if (exposures.Count == 0)
            {
                exposures.AddRange(DagAnalysis.Ancestors(model, y.Variable).Select(v => new LevelAssignment(v, Preferred(model.Variables[v], ReferenceNames, last: false))));
            }
        }

        var variables = new List<int>();
        foreach (var name in settings.Variables)
        {
            if (model.TryGetVariable(name, out var v))
            {
                variables.Add(v.Index);
            }
            else
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.QueryUnknownVariable,
                    new SourceSpan("--variable", 1, 1),
                    $"'{name}' is not a variable of the model",
                    NameSuggestion.DidYouMean(name, model.Variables.Select(x => x.Name))));
            }
        }

        var independences = new List<IndependenceQuery>();
        foreach (var text in settings.DSeparations)
        {
            var (q, d) = QueryParser.ParseIndependence(text, model, "--dsep");
            problems.AddRange(d);
            if (q is not null)
            {
                independences.Add(q);
            }
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new Request(Evidence.Of(given), outcome, [.. exposures], [.. variables], [.. independences]);
    }

    /// <summary>The first level whose name is in <paramref name="names"/> (in their order), else the first or last level.</summary>
    private static int Preferred(Variable variable, string[] names, bool last)
    {
        foreach (var name in names)
        {
            for (var k = 0; k < variable.Cardinality; k++)
            {
                if (string.Equals(variable.Levels[k], name, StringComparison.OrdinalIgnoreCase))
                {
                    return k;
                }
            }
        }

        return last ? variable.Cardinality - 1 : 0;
    }

    private sealed record Request(
        Evidence Evidence,
        LevelAssignment? Outcome,
        ImmutableArray<LevelAssignment> Exposures,
        ImmutableArray<int> Variables,
        ImmutableArray<IndependenceQuery> Independences);
}
