using System.ComponentModel;
using DagSynth.Cli.Rendering;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DagSynth.Cli.Commands;

/// <summary><c>dagsynth query MODEL "P(T | A=a)"</c>: an exact posterior, joint posterior or event probability.</summary>
internal sealed class QueryCommand : Command<QueryCommand.Settings>
{
    /// <summary>The options of <c>query</c>.</summary>
    public sealed class Settings : InferenceSettings
    {
        /// <summary>The query text.</summary>
        [CommandArgument(1, "<QUERY>")]
        [Description("The query, quoted: \"P(T | A=a, B=b)\", \"P(T1, T2 | A=a)\", \"P(A=a, B=b)\" or \"P(Y | do(X=x))\".")]
        public string Query { get; init; } = string.Empty;
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

        var (query, problems) = QueryParser.Parse(settings.Query, model);
        if (query is null)
        {
            DiagnosticPrinter.Print(environment.Error, problems);
            environment.Error.WriteLine($"  in: {settings.Query}");
            return ExitCodes.Usage;
        }

        var world = query.Interventions.IsEmpty ? model : Intervention.Apply(model, query.Interventions);
        var result = InferenceEngine.Create(world, settings.InferenceOptions).Query(query.Targets, query.Evidence);
        if (settings.Json)
        {
            WriteJson(environment.Out, model, query, result);
        }
        else if (result.Succeeded)
        {
            WriteText(environment.Out, model, query, result);
        }

        if (!result.Succeeded)
        {
            DiagnosticPrinter.Print(environment.Error, result.Diagnostics);
            return ExitCodes.Infeasible;
        }

        return ExitCodes.Success;
    }

    private static void WriteText(TextWriter output, Model model, ProbabilityQuery query, QueryResult result)
    {
        var posterior = result.Posterior!;
        output.WriteLine(query.Text.Trim());
        if (!query.Evidence.IsEmpty)
        {
            output.WriteLine($"P({query.Evidence.Describe(model)}) = {Numbers.Probability(result.EvidenceProbability)}");
        }

        if (query.IsEvent)
        {
            var assignments = query.Targets.Select((t, j) => new LevelAssignment(t, query.EventLevels[j]));
            output.WriteLine($"P({LevelAssignment.Describe(model, assignments)}{Condition(model, query)}) = {Numbers.Probability(posterior.Probability([.. query.EventLevels]))}");
            return;
        }

        var table = TableText.Create();
        foreach (var t in query.Targets)
        {
            table.AddColumn(new TableColumn(Markup.Escape(model.Variables[t].Name)));
        }

        table.AddColumn(new TableColumn("probability").RightAligned());
        table.AddColumn(new TableColumn(string.Empty));
        var levels = new int[query.Targets.Length];
        for (var i = 0; i < posterior.Count; i++)
        {
            posterior.LevelsOf(i, levels);
            var p = posterior.Values[i];
            table.AddRow([.. query.Targets.Select((t, j) => Markup.Escape(model.Variables[t].Levels[levels[j]])), Numbers.Probability(p), Numbers.Bar(p)]);
        }

        TableText.Write(output, table);
    }

    private static string Condition(Model model, ProbabilityQuery query)
    {
        var parts = query.Interventions.Select(i => $"do({i.Describe(model)})").Concat(query.Evidence.Assignments.Select(a => a.Describe(model))).ToList();
        return parts.Count == 0 ? string.Empty : $" | {string.Join(", ", parts)}";
    }

    private static void WriteJson(TextWriter output, Model model, ProbabilityQuery query, QueryResult result) =>
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("query", query.Text.Trim());
            json.WriteStartArray("target");
            foreach (var t in query.Targets)
            {
                json.WriteStringValue(model.Variables[t].Name);
            }

            json.WriteEndArray();
            WriteAssignments(json, "evidence", model, query.Evidence.Assignments);
            if (!query.Interventions.IsEmpty)
            {
                WriteAssignments(json, "do", model, query.Interventions);
            }

            json.Number("p_evidence", result.EvidenceProbability);
            if (result.Posterior is not { } posterior)
            {
                json.WriteNull("posterior");
                json.WriteString("error", string.Join("; ", result.Diagnostics.Select(d => d.Message)));
                json.WriteEndObject();
                return;
            }

            if (query.IsEvent)
            {
                WriteAssignments(json, "event", model, query.Targets.Select((t, j) => new LevelAssignment(t, query.EventLevels[j])));
                json.Number("probability", posterior.Probability([.. query.EventLevels]));
            }

            json.WriteStartObject("posterior");
            for (var i = 0; i < posterior.Count; i++)
            {
                json.Number(posterior.Label(model, i), posterior.Values[i]);
            }

            json.WriteEndObject();
            if (query.Targets.Length > 1)
            {
                json.WriteStartArray("joint");
                var levels = new int[query.Targets.Length];
                for (var i = 0; i < posterior.Count; i++)
                {
                    posterior.LevelsOf(i, levels);
                    json.WriteStartObject();
                    WriteAssignments(json, "assignment", model, query.Targets.Select((t, j) => new LevelAssignment(t, levels[j])));
                    json.Number("p", posterior.Values[i]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });

    /// <summary>Writes <c>"name": {"variable": "level", ...}</c>.</summary>
    internal static void WriteAssignments(System.Text.Json.Utf8JsonWriter json, string name, Model model, IEnumerable<LevelAssignment> assignments)
    {
        json.WriteStartObject(name);
        foreach (var a in assignments)
        {
            json.WriteString(model.Variables[a.Variable].Name, model.Variables[a.Variable].Levels[a.Level]);
        }

        json.WriteEndObject();
    }
}
