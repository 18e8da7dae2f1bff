using System.Text.Json;
using DagSynth.Cli.Commands;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Cli.Rendering;

/// <summary>
/// The JSON form of <c>describe</c>: <c>{"model", "evidence", "p_evidence", "variables": {NAME: {"levels",
/// "parents", "marginal": {LEVEL: p}}}, "arcs", "rules", "associations"?, "graph"?}</c>.
/// </summary>
internal static class DescribeJson
{
    public static void Write(TextWriter output, DescribeReport report) =>
        JsonOutput.Write(output, json =>
        {
            var model = report.Model;
            json.WriteStartObject();
            json.WriteString("model", model.Name);
            if (!report.Interventions.IsEmpty)
            {
                json.WriteStartObject("do");
                foreach (var i in report.Interventions)
                {
                    var v = model.Variables[i.Variable];
                    if (v.IsDiscrete)
                    {
                        json.WriteString(v.Name, v.Levels[(int)i.Value]);
                    }
                    else
                    {
                        json.Number(v.Name, i.Value);
                    }
                }

                json.WriteEndObject();
            }

            QueryCommand.WriteAssignments(json, "evidence", model, report.Marginals.Evidence.Assignments);
            json.Number("p_evidence", report.Marginals.EvidenceProbability);
            json.WriteStartObject("variables");
            foreach (var v in model.Variables)
            {
                json.WriteStartObject(v.Name);
                json.WriteString("kind", v.Kind.ToString().ToLowerInvariant());
                Strings(json, "levels", v.Levels);
                Strings(json, "parents", v.Parents.Select(p => model.Variables[p].Name));
                var simulated = report.Simulated?.Of(v.Index);
                if (report.Exact.IsExact(v.Index))
                {
                    json.WriteString("method", "exact");
                    json.WriteStartObject("marginal");
                    for (var k = 0; k < v.Cardinality; k++)
                    {
                        json.Number(v.Levels[k], report.Marginals.Marginals[v.Index][k]);
                    }

                    json.WriteEndObject();
                }
                else if (simulated is { Numbers: { } numbers })
                {
                    json.WriteString("method", "simulated");
                    json.Number("rows", report.Simulated!.Rows);
                    json.Number("mean", numbers.Mean);
                    json.WriteStartArray("mean_interval");
                    json.WriteNumberValue(numbers.MeanLow);
                    json.WriteNumberValue(numbers.MeanHigh);
                    json.WriteEndArray();
                    json.Number("sd", numbers.StandardDeviation);
                    json.WriteStartObject("quantiles");
                    for (var q = 0; q < numbers.Quantiles.Length; q++)
                    {
                        json.Number(DagSynth.Inference.Simulation.NumericEstimate.QuantileProbabilities[q].ToString(System.Globalization.CultureInfo.InvariantCulture), numbers.Quantiles[q]);
                    }

                    json.WriteEndObject();
                }
                else if (simulated is not null)
                {
                    json.WriteString("method", "simulated");
                    json.Number("rows", report.Simulated!.Rows);
                    json.WriteStartObject("marginal");
                    for (var k = 0; k < v.Cardinality; k++)
                    {
                        json.Number(v.Levels[k], simulated.Levels[k].Proportion);
                    }

                    json.WriteEndObject();
                    json.WriteStartObject("interval");
                    for (var k = 0; k < v.Cardinality; k++)
                    {
                        json.WriteStartArray(v.Levels[k]);
                        json.WriteNumberValue(simulated.Levels[k].Low);
                        json.WriteNumberValue(simulated.Levels[k].High);
                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                }
                else
                {
                    json.WriteString("method", v.Kind == VariableKind.Text ? "none" : "not estimated under evidence");
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("arcs");
            foreach (var arc in report.Arcs)
            {
                json.WriteStartObject();
                json.WriteString("from", model.Variables[arc.Parent].Name);
                json.WriteString("to", model.Variables[arc.Child].Name);
                // Rounded: it goes through a logarithm, whose last bit may differ between platforms.
                json.Number("mutual_information", Math.Round(arc.MutualInformation, 12));
                json.Number("max_change", arc.MaxChange);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("rules");
            foreach (var proof in report.Rules.Proofs)
            {
                json.WriteStartObject();
                json.WriteString("rule", proof.Rule.Describe());
                json.WriteString("status", proof.Status.ToString().ToLowerInvariant());
                json.Number("probability", proof.ViolationProbability);
                if (!proof.Witness.IsEmpty)
                {
                    QueryCommand.WriteAssignments(json, "witness", model, proof.Witness);
                    json.Number("witness_probability", proof.WitnessProbability);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (report.Associations is { } associations)
            {
                WriteAssociations(json, model, associations);
            }

            if (!report.Variables.IsEmpty || !report.Independences.IsEmpty)
            {
                WriteGraph(json, report);
            }

            json.WriteEndObject();
        });

    private static void WriteAssociations(Utf8JsonWriter json, Model model, AssociationReport associations)
    {
        var y = model.Variables[associations.Outcome];
        json.WriteStartObject("associations");
        json.WriteString("outcome", y.Name);
        json.WriteString("outcome_level", y.Levels[associations.OutcomeLevel]);
        json.Number("p_outcome", associations.OutcomeProbability);
        json.WriteStartArray("exposures");
        foreach (var exposure in associations.Exposures)
        {
            var x = model.Variables[exposure.Exposure];
            json.WriteStartObject();
            json.WriteString("exposure", x.Name);
            json.WriteString("reference", x.Levels[exposure.ReferenceLevel]);
            json.WriteBoolean("is_cause", exposure.IsCause);
            json.WriteBoolean("backdoor_path", exposure.HasBackdoorPath);
            json.WriteStartArray("levels");
            foreach (var level in exposure.Levels)
            {
                json.WriteStartObject();
                json.WriteString("level", x.Levels[level.Level]);
                json.Number("p_level", level.Probability);
                if (level.Crude is { } crude)
                {
                    Measures(json, "crude", crude);
                }
                else
                {
                    json.WriteNull("crude");
                }

                Measures(json, "causal", level.Causal);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Measures(Utf8JsonWriter json, string name, EffectMeasures measures)
    {
        json.WriteStartObject(name);
        json.Number("risk_exposed", measures.ExposedRisk);
        json.Number("risk_reference", measures.ReferenceRisk);
        json.Number("odds_ratio", measures.OddsRatio);
        json.Number("risk_ratio", measures.RiskRatio);
        json.Number("risk_difference", measures.RiskDifference);
        json.WriteEndObject();
    }

    private static void WriteGraph(Utf8JsonWriter json, DescribeReport report)
    {
        var model = report.Model;
        IEnumerable<string> Names(IEnumerable<int> indices) => indices.Select(i => model.Variables[i].Name);
        json.WriteStartObject("graph");
        json.WriteStartObject("variables");
        foreach (var v in report.Variables)
        {
            json.WriteStartObject(model.Variables[v].Name);
            Strings(json, "parents", Names(model.Variables[v].Parents));
            Strings(json, "children", Names(model.Children[v]));
            Strings(json, "markov_blanket", Names(DagAnalysis.MarkovBlanket(model, v)));
            Strings(json, "ancestors", Names(DagAnalysis.Ancestors(model, v)));
            Strings(json, "descendants", Names(DagAnalysis.Descendants(model, v)));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("dsep");
        foreach (var (query, separated) in report.Independences)
        {
            json.WriteStartObject();
            json.WriteString("statement", query.Text.Trim());
            Strings(json, "x", Names(query.Left));
            Strings(json, "y", Names(query.Right));
            Strings(json, "given", Names(query.Given));
            json.WriteBoolean("d_separated", separated);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
