using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// Exact conditioning of the discrete part of a model on evidence, as a model transformation: the
/// evidence's ancestors (the only variables whose distribution the evidence changes before their
/// descendants are drawn) get new tables and new parents so that forward sampling them draws
/// exactly from their joint posterior, and every other variable keeps its own conditional.
/// </summary>
/// <remarks>
/// The ancestral set is compiled into a junction tree and calibrated with the evidence (each clique
/// then holds P(clique | e)). Walking the tree from each root, every variable is "new" in exactly
/// one clique (the highest that holds it); a clique's new variables, in ascending index order,
/// become children of its separator and of the new variables before them, with table
/// P(v | separator, earlier new variables, e) = belief marginal / belief marginal. This is forward
/// filtering, backward sampling written as a Bayesian network, so the existing table kernels draw it,
/// each variable from its own stream. Observed variables become point masses and are dropped from
/// other tables (their beliefs are 0 at other levels, so summing them out equals fixing them).
/// Evidence on a set of levels enters as a 0/1 indicator child that is observed true.
/// </remarks>
internal static class PosteriorNetwork
{
    /// <summary>
    /// The variables of <paramref name="model"/> with the evidence's ancestors replaced (null entries
    /// are unchanged), and P(evidence); or a diagnostic (memory budget) when exact conditioning does
    /// not fit. The probability is 0 (and the variables null) when the evidence is impossible.
    /// </summary>
    public static (Variable?[]? Variables, double Probability, Diagnostic? Problem) Build(
        Model model,
        DiscretePart part,
        IReadOnlyList<LevelAssignment> levels,
        IReadOnlyList<(int Variable, ImmutableArray<bool> Accepts)> sets,
        InferenceOptions options)
    {
        var n = model.Variables.Length;
        var observed = new int[n];
        Array.Fill(observed, -1);
        foreach (var a in levels)
        {
            observed[a.Variable] = a.Level;
        }

        var inSet = new bool[n];
        var stack = new Stack<int>(levels.Select(a => a.Variable).Concat(sets.Select(s => s.Variable)));
        while (stack.TryPop(out var v))
        {
            if (inSet[v])
            {
                continue;
            }

            inSet[v] = true;
            foreach (var p in model.Variables[v].Parents)
            {
                stack.Push(p);
            }
        }

        // The table-only model of the ancestral set: everything else becomes a one-level root (an
        // isolated clique of size 1), and each set of levels an observed indicator child.
        var variables = ImmutableArray.CreateBuilder<Variable>(n + sets.Count);
        for (var i = 0; i < n; i++)
        {
            variables.Add(inSet[i] ? part.Tables.Variables[i] : Variable.Placeholder(model.Variables[i]));
        }

        var evidence = new List<LevelAssignment>(levels);
        for (var j = 0; j < sets.Count; j++)
        {
            var (v, accepts) = sets[j];
            var card = model.Variables[v].Cardinality;
            var values = new double[card * 2];
            for (var k = 0; k < card; k++)
            {
                values[(2 * k) + (accepts[k] ? 1 : 0)] = 1;
            }

            variables.Add(new Variable(
                $"\u0000in-set-{j}",
                n + j,
                VariableKind.Boolean,
                ["false", "true"],
                [v],
                new CptConditional(new Cpt([card], 2, values)),
                model.Location,
                null,
                null,
                NodeType.Boolean));
            evidence.Add(new LevelAssignment(n + j, 1));
        }

        var all = variables.MoveToImmutable();
        var tables = new Model(model.Name, null, null, all, [], [], Intervention.TopologicalOrder(all), model.Location);
        var (tree, problem) = JunctionTree.Compile(tables, options);
        if (tree is null)
        {
            return (null, double.NaN, problem);
        }

        var calibrated = tree.Calibrate(tables, Evidence.Of(evidence));
        if (!calibrated.IsPossible)
        {
            return (null, 0, null);
        }

        bool Drawn(int v) => v < n && inSet[v] && observed[v] < 0;
        var result = new Variable?[n];
        for (var k = tree.PostOrder.Length - 1; k >= 0; k--)
        {
            var c = tree.PostOrder[k];
            var separator = tree.Separators[c];
            var belief = calibrated.Belief(c);
            var before = separator.Where(Drawn).ToList();
            foreach (var v in tree.Cliques[c])
            {
                if (!Drawn(v) || Array.BinarySearch(separator, v) >= 0)
                {
                    continue;
                }

                result[v] = Posterior(model.Variables[v], before, belief, model);
                before.Add(v);
            }
        }

        for (var v = 0; v < n; v++)
        {
            if (observed[v] >= 0 && inSet[v])
            {
                var values = new double[model.Variables[v].Cardinality];
                values[observed[v]] = 1;
                result[v] = model.Variables[v].AsTable([], new Cpt([], values.Length, values), missing: null);
            }
        }

        return (result, calibrated.EvidenceProbability, null);
    }

    /// <summary>P(v | parents, e) from a clique belief that holds v and every parent.</summary>
    private static Variable Posterior(Variable v, List<int> parents, Factor belief, Model model)
    {
        var sortedParents = parents.Order().ToArray();
        var keep = sortedParents.Append(v.Index).Order().ToArray();
        var joint = belief.Marginalize(keep);
        var values = joint.Reorder([.. sortedParents, v.Index]);
        var card = v.Cardinality;
        for (var start = 0; start < values.Length; start += card)
        {
            var sum = 0.0;
            for (var k = 0; k < card; k++)
            {
                sum += values[start + k];
            }

            if (sum > 0)
            {
                for (var k = 0; k < card; k++)
                {
                    values[start + k] /= sum;
                }
            }
            else
            {
                // A parent configuration the evidence rules out: never reached, but a table needs a row.
                values[start] = 1;
            }
        }

        var parentCards = sortedParents.Select(p => model.Variables[p].Cardinality).ToImmutableArray();
        return v.AsTable([.. sortedParents], new Cpt(parentCards, card, values), missing: null);
    }
}
