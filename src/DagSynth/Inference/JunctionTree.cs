using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// The structure of a junction tree (a forest, one tree per connected part of the model) over every
/// variable of a model, compiled once from the moral graph and an elimination order: cliques, the
/// tree between them, separators, and where each table and each variable lives. It depends only on
/// the graph and the level counts, not on the numbers, so <see cref="Calibrate"/> can be run again
/// for new parameters (calibration) or new evidence without recompiling. Evidence enters as
/// indicators on a clique, so the structure serves every evidence set.
/// </summary>
internal sealed class JunctionTree
{
    private const string WhatForBudget = "exact inference on the whole model (its junction tree)";

    private JunctionTree(int[][] cliques, int[][] cliqueCards, int[] parent, int[] postOrder, int[][] separators, int[] homeClique, int[] familyClique, int[] cardinalities)
    {
        Cliques = cliques;
        CliqueCardinalities = cliqueCards;
        Parent = parent;
        PostOrder = postOrder;
        Separators = separators;
        HomeClique = homeClique;
        FamilyClique = familyClique;
        Cardinalities = cardinalities;
        SeparatorCardinalities = [.. separators.Select(s => s.Select(v => cardinalities[v]).ToArray())];
        TotalEntries = cliques.Sum(c => Factor.EntriesOf(c.Select(v => cardinalities[v])))
            + separators.Sum(s => Factor.EntriesOf(s.Select(v => cardinalities[v])));
    }

    /// <summary>Each clique's variables, ascending.</summary>
    public int[][] Cliques { get; }

    /// <summary>Each clique's level counts.</summary>
    public int[][] CliqueCardinalities { get; }

    /// <summary>Each clique's parent in its tree, or -1 for the root of a tree.</summary>
    public int[] Parent { get; }

    /// <summary>The cliques with every child before its parent (the collect order); reversed, the distribute order.</summary>
    public int[] PostOrder { get; }

    /// <summary>Each clique's separator with its parent (the shared variables), ascending; empty for roots.</summary>
    public int[][] Separators { get; }

    /// <summary>Each separator's level counts.</summary>
    public int[][] SeparatorCardinalities { get; }

    /// <summary>For each model variable, the smallest clique that contains it.</summary>
    public int[] HomeClique { get; }

    /// <summary>For each model variable, the clique that holds its table (it contains the variable's family).</summary>
    public int[] FamilyClique { get; }

    /// <summary>Level counts, by model variable.</summary>
    public int[] Cardinalities { get; }

    /// <summary>The entries of all clique and separator tables together.</summary>
    public double TotalEntries { get; }

    /// <summary>
    /// Compiles the junction tree of <paramref name="model"/>, or returns a DS0402 diagnostic when
    /// its tables would not fit in the memory budget (nothing is allocated in that case).
    /// </summary>
    public static (JunctionTree? Tree, Diagnostic? Problem) Compile(Model model, InferenceOptions options)
    {
        var n = model.Variables.Length;
        var cards = model.Variables.Select(v => v.Cardinality).ToArray();
        var families = model.Variables.Select(v => v.Parents.Append(v.Index).Order().ToArray()).ToArray();
        var elimination = EliminationOrder.Compute(families, cards, Enumerable.Range(0, n), options.Heuristic, MemoryBudget.StopAbove(options));
        if (elimination.Stopped)
        {
            return (null, MemoryBudget.Check(model, options, WhatForBudget, elimination, double.PositiveInfinity));
        }

        var steps = elimination.Order.Length;
        var position = new int[n];
        for (var i = 0; i < steps; i++)
        {
            position[elimination.Order[i]] = i;
        }

        // Each elimination clique hangs below the clique of the first of its other variables to be
        // eliminated; this tree has the running-intersection property.
        var parent = new int[steps];
        for (var i = 0; i < steps; i++)
        {
            var next = int.MaxValue;
            foreach (var v in elimination.Cliques[i])
            {
                if (position[v] > i)
                {
                    next = Math.Min(next, position[v]);
                }
            }

            parent[i] = next == int.MaxValue ? -1 : next;
        }

        // A clique that equals its child minus the child's eliminated variable is not maximal: the
        // child takes its place (alias), which keeps the running-intersection property.
        var alias = new int[steps];
        Array.Fill(alias, -1);
        var takenOver = new int[steps];
        Array.Fill(takenOver, -1);
        for (var i = 0; i < steps; i++)
        {
            var p = parent[i];
            if (p >= 0 && alias[p] < 0 && elimination.Cliques[i].Length - 1 == elimination.Cliques[p].Length)
            {
                alias[p] = i;
                takenOver[i] = p;
            }
        }

        int Resolve(int c)
        {
            while (alias[c] >= 0)
            {
                c = alias[c];
            }

            return c;
        }

        var survivors = Enumerable.Range(0, steps).Where(i => alias[i] < 0).ToArray();
        var newIndex = new int[steps];
        for (var j = 0; j < survivors.Length; j++)
        {
            newIndex[survivors[j]] = j;
        }

        var m = survivors.Length;
        var cliques = new int[m][];
        var cliqueParent = new int[m];
        for (var j = 0; j < m; j++)
        {
            var s = survivors[j];
            cliques[j] = elimination.Cliques[s];

            // The parent is that of the highest clique this one took over.
            var top = s;
            while (takenOver[top] >= 0)
            {
                top = takenOver[top];
            }

            cliqueParent[j] = parent[top] < 0 ? -1 : newIndex[Resolve(parent[top])];
        }

        var separators = new int[m][];
        for (var j = 0; j < m; j++)
        {
            separators[j] = cliqueParent[j] < 0 ? [] : [.. cliques[j].Intersect(cliques[cliqueParent[j]]).Order()];
        }

        var budget = MemoryBudget.Check(
            model,
            options,
            WhatForBudget,
            elimination,
            cliques.Sum(c => Factor.EntriesOf(c.Select(v => cards[v]))) + separators.Sum(s => Factor.EntriesOf(s.Select(v => cards[v]))));
        if (budget is { } problem)
        {
            return (null, problem);
        }

        var familyClique = new int[n];
        var homeClique = new int[n];
        var homeSize = new double[n];
        Array.Fill(homeSize, double.PositiveInfinity);
        for (var v = 0; v < n; v++)
        {
            var first = families[v].MinBy(w => position[w]);
            familyClique[v] = newIndex[Resolve(position[first])];
        }

        for (var j = 0; j < m; j++)
        {
            var size = Factor.EntriesOf(cliques[j].Select(v => cards[v]));
            foreach (var v in cliques[j])
            {
                if (size < homeSize[v])
                {
                    homeSize[v] = size;
                    homeClique[v] = j;
                }
            }
        }

        return (new JunctionTree(cliques, [.. cliques.Select(c => c.Select(v => cards[v]).ToArray())], cliqueParent, ComputePostOrder(cliqueParent), separators, homeClique, familyClique, cards), null);
    }

    /// <summary>
    /// Propagates the tables of <paramref name="model"/> (which must have the graph and level counts
    /// this tree was compiled for) with <paramref name="evidence"/> entered, by the Hugin scheme:
    /// collect towards each root, then distribute back.
    /// </summary>
    public CalibratedJunctionTree Calibrate(Model model, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(evidence);
        if (model.Variables.Length != Cardinalities.Length || model.Variables.Any(v => v.Cardinality != Cardinalities[v.Index]))
        {
            throw new ArgumentException("the model does not have the structure this junction tree was compiled for", nameof(model));
        }

        var m = Cliques.Length;
        var potentials = new Factor[m];
        for (var j = 0; j < m; j++)
        {
            potentials[j] = Factor.Ones(Cliques[j], CliqueCardinalities[j]);
        }

        foreach (var v in model.Variables)
        {
            potentials[FamilyClique[v.Index]].MultiplyIn(Factor.FromCpt(v, Evidence.None));
        }

        foreach (var e in evidence)
        {
            potentials[HomeClique[e.Variable]].Observe(e.Variable, e.Level);
        }

        var separators = new Factor?[m];
        foreach (var c in PostOrder)
        {
            if (Parent[c] >= 0)
            {
                var message = potentials[c].Marginalize(Separators[c]);
                potentials[Parent[c]].MultiplyIn(message);
                separators[c] = message;
            }
        }

        var normalizer = new double[m];
        var probability = 1.0;
        for (var k = m - 1; k >= 0; k--)
        {
            var c = PostOrder[k];
            normalizer[c] = Parent[c] < 0 ? potentials[c].Sum() : normalizer[Parent[c]];
            if (Parent[c] < 0)
            {
                probability *= normalizer[c];
            }
        }

        if (probability == 0)
        {
            return new CalibratedJunctionTree(this, evidence, 0, [], []);
        }

        for (var k = m - 1; k >= 0; k--)
        {
            var c = PostOrder[k];
            if (Parent[c] >= 0)
            {
                var message = potentials[Parent[c]].Marginalize(Separators[c]);
                potentials[c].MultiplyIn(Factor.Ratio(message, separators[c]!));
                separators[c] = message;
            }
        }

        for (var c = 0; c < m; c++)
        {
            potentials[c].Scale(normalizer[c]);
            separators[c]?.Scale(normalizer[c]);
        }

        return new CalibratedJunctionTree(this, evidence, probability, potentials, separators);
    }

    /// <summary>Each child before its parent; trees in order of their roots, children in index order.</summary>
    private static int[] ComputePostOrder(int[] parent)
    {
        var m = parent.Length;
        var children = new List<int>[m];
        for (var j = 0; j < m; j++)
        {
            children[j] = [];
        }

        for (var j = 0; j < m; j++)
        {
            if (parent[j] >= 0)
            {
                children[parent[j]].Add(j);
            }
        }

        var order = new List<int>(m);
        var stack = new Stack<(int Node, bool Expanded)>();
        for (var root = 0; root < m; root++)
        {
            if (parent[root] >= 0)
            {
                continue;
            }

            stack.Push((root, false));
            while (stack.TryPop(out var item))
            {
                if (item.Expanded)
                {
                    order.Add(item.Node);
                    continue;
                }

                stack.Push((item.Node, true));
                for (var k = children[item.Node].Count - 1; k >= 0; k--)
                {
                    stack.Push((children[item.Node][k], false));
                }
            }
        }

        return [.. order];
    }
}
