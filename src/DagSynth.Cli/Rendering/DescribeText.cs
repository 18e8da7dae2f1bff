using System.Globalization;
using DagSynth.Graphs;
using DagSynth.Inference;
using DagSynth.Models;
using Spectre.Console;

namespace DagSynth.Cli.Rendering;

/// <summary>The readable form of <c>describe</c>: one section per topic, tables drawn by Spectre.Console.</summary>
internal static class DescribeText
{
    public static void Write(TextWriter output, DescribeReport report)
    {
        var model = report.Model;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model.Name}: {model.Variables.Length} variables, {model.EdgeCount} edges, {model.FreeParameterCount} free parameters"));
        if (!report.Interventions.IsEmpty)
        {
            output.WriteLine($"after {string.Join(", ", report.Interventions.Select(i => $"do({i.Describe(model)})"))}: the intervened variables' incoming edges are cut");
        }

        var evidence = report.Marginals.Evidence;
        output.WriteLine();
        output.WriteLine(evidence.IsEmpty
            ? "Marginals"
            : $"Marginals given {evidence.Describe(model)} (probability of the evidence {Numbers.Probability(report.Marginals.EvidenceProbability)})");
        TableText.Write(output, Marginals(report));
        if (report.Simulated is { } simulated && !simulated.Variables.IsEmpty)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  exact: computed from the tables; intervals: estimated from {simulated.Rows:N0} simulated rows (seed {simulated.Seed}), for variables that depend on numbers"));
        }

        if (NumericVariables(report) is { } numbers)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Numeric variables (estimated from {report.Simulated!.Rows:N0} simulated rows)"));
            TableText.Write(output, numbers);
        }
        if (!report.Arcs.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("Arc strengths (before any evidence)");
            output.WriteLine("  information: mutual information of parent and child given the child's other parents, in bits");
            output.WriteLine("  change: the largest change in the child's distribution when the parent changes (total variation)");
            TableText.Write(output, Arcs(report));
        }

        if (!report.Rules.Proofs.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("Rules");
            TableText.Write(output, Rules(report));
        }

        if (report.Associations is { } associations)
        {
            var outcome = new LevelAssignment(associations.Outcome, associations.OutcomeLevel).Describe(model);
            output.WriteLine();
            output.WriteLine($"Associations with {outcome} (before any evidence; P({outcome}) = {Numbers.Probability(associations.OutcomeProbability)})");
            output.WriteLine($"  crude: P({outcome} | exposure) at each level against the reference; causal: P({outcome} | do(exposure))");
            output.WriteLine("  crude and causal differ when a back-door path (a common cause) connects exposure and outcome");
            TableText.Write(output, Associations(model, associations));
        }

        foreach (var v in report.Variables)
        {
            output.WriteLine();
            output.WriteLine($"Variable {model.Variables[v].Name}");
            WriteRelatives(output, model, v);
        }

        if (!report.Independences.IsEmpty)
        {
            output.WriteLine();
            output.WriteLine("D-separation (what the graph implies whatever the tables)");
            var table = TableText.Create().AddColumn("statement").AddColumn("verdict");
            foreach (var (query, separated) in report.Independences)
            {
                table.AddRow(Markup.Escape(query.Text.Trim()), separated ? "d-separated: independent" : "d-connected: may be dependent");
            }

            TableText.Write(output, table);
        }
    }

    private static Table Marginals(DescribeReport report)
    {
        var model = report.Model;
        var table = TableText.Create()
            .AddColumn("variable")
            .AddColumn("level")
            .AddColumn(new TableColumn("probability").RightAligned())
            .AddColumn(string.Empty)
            .AddColumn("95% interval");
        foreach (var v in model.Variables.Where(v => v.IsDiscrete))
        {
            if (report.Exact.IsExact(v.Index))
            {
                var marginal = report.Marginals.Marginals[v.Index];
                for (var k = 0; k < v.Cardinality; k++)
                {
                    table.AddRow(k == 0 ? Markup.Escape(v.Name) : string.Empty, Markup.Escape(v.Levels[k]), Numbers.Probability(marginal[k]), Numbers.Bar(marginal[k]), k == 0 ? "exact" : string.Empty);
                }
            }
            else if (report.Simulated?.Of(v.Index) is { } simulated)
            {
                for (var k = 0; k < v.Cardinality; k++)
                {
                    var e = simulated.Levels[k];
                    table.AddRow(k == 0 ? Markup.Escape(v.Name) : string.Empty, Markup.Escape(v.Levels[k]), Numbers.Probability(e.Proportion), Numbers.Bar(e.Proportion), $"{Numbers.Probability(e.Low)} to {Numbers.Probability(e.High)}");
                }
            }
            else
            {
                table.AddRow(Markup.Escape(v.Name), "(not estimated under evidence)", string.Empty, string.Empty, string.Empty);
            }
        }

        return table;
    }

    private static Table? NumericVariables(DescribeReport report)
    {
        var model = report.Model;
        var numeric = model.Variables.Where(v => report.Simulated?.Of(v.Index)?.Numbers is not null).ToList();
        if (numeric.Count == 0)
        {
            return null;
        }

        var table = TableText.Create().AddColumn("variable").AddColumn(new TableColumn("mean").RightAligned()).AddColumn("95% interval of the mean")
            .AddColumn(new TableColumn("sd").RightAligned()).AddColumn(new TableColumn("5%").RightAligned()).AddColumn(new TableColumn("median").RightAligned()).AddColumn(new TableColumn("95%").RightAligned());
        foreach (var v in numeric)
        {
            var e = report.Simulated!.Of(v.Index)!.Numbers!;
            string F(double x) => Numbers.Value(v, x);
            table.AddRow(Markup.Escape(v.Unit is null ? v.Name : $"{v.Name} ({v.Unit})"), F(e.Mean), $"{F(e.MeanLow)} to {F(e.MeanHigh)}", v.Kind == VariableKind.Date ? Numbers.Value(null, e.StandardDeviation) + " days" : Numbers.Value(null, e.StandardDeviation), F(e.Quantiles[1]), F(e.Quantiles[3]), F(e.Quantiles[5]));
        }

        return table;
    }

    private static Table Arcs(DescribeReport report)
    {
        var model = report.Model;
        var table = TableText.Create()
            .AddColumn("arc")
            .AddColumn(new TableColumn("information").RightAligned())
            .AddColumn(new TableColumn("change").RightAligned());
        foreach (var arc in report.Arcs)
        {
            table.AddRow(Markup.Escape($"{model.Variables[arc.Parent].Name} -> {model.Variables[arc.Child].Name}"), Numbers.Bits(arc.MutualInformation), Numbers.Probability(arc.MaxChange));
        }

        return table;
    }

    private static Table Rules(DescribeReport report)
    {
        var model = report.Model;
        var table = TableText.Create().AddColumn("rule").AddColumn("verdict");
        foreach (var proof in report.Rules.Proofs)
        {
            var verdict = proof.Status switch
            {
                RuleProofStatus.Proven => "proven: probability 0",
                RuleProofStatus.Violated => $"BROKEN with probability {Numbers.Probability(proof.ViolationProbability)}, e.g. {LevelAssignment.Describe(model, proof.Witness)}",
                _ => "undecided (memory budget); checked on every generated row",
            };
            table.AddRow(Markup.Escape(proof.Rule.Describe()), Markup.Escape(verdict));
        }

        return table;
    }

    private static Table Associations(Model model, AssociationReport associations)
    {
        var table = TableText.Create()
            .AddColumn("exposure")
            .AddColumn("contrast")
            .AddColumn(new TableColumn("P(level)").RightAligned())
            .AddColumn(new TableColumn("crude OR").RightAligned())
            .AddColumn(new TableColumn("crude RR").RightAligned())
            .AddColumn(new TableColumn("crude RD").RightAligned())
            .AddColumn(new TableColumn("causal OR").RightAligned())
            .AddColumn(new TableColumn("causal RR").RightAligned())
            .AddColumn(new TableColumn("causal RD").RightAligned())
            .AddColumn("back-door");
        foreach (var exposure in associations.Exposures)
        {
            var x = model.Variables[exposure.Exposure];
            var first = true;
            foreach (var level in exposure.Levels)
            {
                table.AddRow(
                    first ? Markup.Escape(x.Name) : string.Empty,
                    Markup.Escape($"{x.Levels[level.Level]} vs {x.Levels[exposure.ReferenceLevel]}"),
                    Numbers.Probability(level.Probability),
                    level.Crude is { } c ? Numbers.Ratio(c.OddsRatio) : "n/a",
                    level.Crude is { } c2 ? Numbers.Ratio(c2.RiskRatio) : "n/a",
                    level.Crude is { } c3 ? Numbers.Difference(c3.RiskDifference) : "n/a",
                    Numbers.Ratio(level.Causal.OddsRatio),
                    Numbers.Ratio(level.Causal.RiskRatio),
                    Numbers.Difference(level.Causal.RiskDifference),
                    first ? (exposure.HasBackdoorPath ? "open" : "none") : string.Empty);
                first = false;
            }
        }

        return table;
    }

    private static void WriteRelatives(TextWriter output, Model model, int v)
    {
        string Names(IEnumerable<int> indices)
        {
            var names = indices.Select(i => model.Variables[i].Name).ToList();
            return names.Count == 0 ? "(none)" : string.Join(", ", names);
        }

        output.WriteLine($"  parents:        {Names(model.Variables[v].Parents)}");
        output.WriteLine($"  children:       {Names(model.Children[v])}");
        output.WriteLine($"  Markov blanket: {Names(DagAnalysis.MarkovBlanket(model, v))}");
        output.WriteLine($"  ancestors:      {Names(DagAnalysis.Ancestors(model, v))}");
        output.WriteLine($"  descendants:    {Names(DagAnalysis.Descendants(model, v))}");
    }
}
