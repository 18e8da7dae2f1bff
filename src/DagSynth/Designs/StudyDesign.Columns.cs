using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;
using DagSynth.Graphs;
using DagSynth.Models;

namespace DagSynth.Designs;

public sealed partial class StudyDesign
{
    /// <summary>
    /// Appends the design's columns (potential outcomes, stratum, weight) after the conditioned model's
    /// variables; <paramref name="weight"/> is NaN for the layout, or when the stratum has no weight.
    /// </summary>
    private static Model Extend(Model conditioned, Model world, DesignRequest request, ImmutableArray<string> labels, int stratum, double weight)
    {
        var variables = conditioned.Variables.ToBuilder();
        if (request.PotentialOutcomes is { } po)
        {
            var treatment = world.Variables[po.Treatment];
            var downstream = DagAnalysis.Descendants(world, po.Treatment).ToHashSet();
            foreach (var y in po.Outcomes)
            {
                var upstream = DagAnalysis.Ancestors(world, y).Append(y).ToHashSet();
                var redrawn = world.TopologicalOrder.Where(v => downstream.Contains(v) && upstream.Contains(v)).ToImmutableArray();
                var outcome = world.Variables[y];
                for (var level = 0; level < treatment.Cardinality; level++)
                {
                    variables.Add(new Variable(
                        PotentialOutcomeRequest.ColumnName(world, y, po.Treatment, level),
                        variables.Count,
                        outcome.Kind,
                        outcome.Levels,
                        [],
                        new PotentialOutcomeConditional(po.Treatment, level, y, redrawn),
                        outcome.Location,
                        null,
                        $"{outcome.Name} under do({treatment.Name}={treatment.Levels[level]})",
                        outcome.Type,
                        outcome.Unit));
                }
            }
        }

        if (!labels.IsEmpty)
        {
            var values = new double[labels.Length];
            values[stratum] = 1;
            variables.Add(new Variable(
                request.StratumColumn,
                variables.Count,
                VariableKind.Categorical,
                labels,
                [],
                new CptConditional(new Cpt([], labels.Length, values)),
                SourceSpan.None,
                null,
                "the design stratum the row was drawn from",
                NodeType.Categorical));
            if (request.Weights)
            {
                // The layout (no stratum yet) describes the column; each stratum's model holds its value.
                var text = double.IsNaN(weight) ? "population share / sample share of the row's stratum" : weight.ToString("R", CultureInfo.InvariantCulture);
                variables.Add(new Variable(
                    request.WeightColumn,
                    variables.Count,
                    VariableKind.Continuous,
                    [],
                    [],
                    new DeriveConditional(new ConstantExpr(weight, ExprType.Number, 0), text, null),
                    SourceSpan.None,
                    null,
                    "the sampling weight: the stratum's population share over its sample share",
                    NodeType.Derive));
            }
        }

        if (variables.Count == conditioned.Variables.Length)
        {
            return conditioned;
        }

        var order = conditioned.TopologicalOrder.AddRange(Enumerable.Range(conditioned.Variables.Length, variables.Count - conditioned.Variables.Length));
        return new Model(conditioned.Name, conditioned.Description, conditioned.Seed, variables.ToImmutable(), conditioned.Rules, conditioned.Parameters, order, conditioned.Location, conditioned.ReferenceDate);
    }
}
