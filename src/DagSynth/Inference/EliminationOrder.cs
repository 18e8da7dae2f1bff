namespace DagSynth.Inference;

/// <summary>
/// A greedy elimination order over an interaction graph (variables joined when they share a
/// factor), and the clique each elimination forms: the variable with its neighbours at that moment.
/// The cliques give the cost before any table exists: the largest is the treewidth-like quantity
/// that decides whether exact inference fits in memory, and they are the clusters of the junction
/// tree. Deterministic: scores are compared, then the clique's size, then the variable's index.
/// </summary>
internal sealed class EliminationOrder
{
    private EliminationOrder(int[] order, int[][] cliques, int[] cardinalities, bool stopped)
    {
        Stopped = stopped;
        Order = order;
        Cliques = cliques;
        CliqueEntries = [.. cliques.Select(c => Factor.EntriesOf(c.Select(v => cardinalities[v])))];
        LargestCliqueEntries = CliqueEntries.Length == 0 ? 0 : CliqueEntries.Max();
        LargestClique = CliqueEntries.Length == 0 ? [] : cliques[Array.IndexOf(CliqueEntries, LargestCliqueEntries)];
    }

    /// <summary>
    /// Whether planning stopped early because a clique exceeded the size limit; the order and
    /// cliques then hold the steps up to and including that clique.
    /// </summary>
    public bool Stopped { get; }

    /// <summary>The variables in the order they are eliminated.</summary>
    public int[] Order { get; }

    /// <summary>For each step, the eliminated variable and its neighbours then, ascending.</summary>
    public int[][] Cliques { get; }

    /// <summary>The number of entries of each clique's table.</summary>
    public double[] CliqueEntries { get; }

    /// <summary>The entries of the largest clique (0 when nothing is eliminated).</summary>
    public double LargestCliqueEntries { get; }

    /// <summary>The largest clique's variables.</summary>
    public int[] LargestClique { get; }

    /// <summary>
    /// Orders the elimination of <paramref name="eliminate"/> in the graph whose cliques are
    /// <paramref name="scopes"/> (the factors' variable sets). Variables of the scopes that are not
    /// eliminated stay in the graph and take part in the fill-in counts.
    /// </summary>
    /// <param name="scopes">The factors' variable sets.</param>
    /// <param name="cardinalities">Level counts, indexed by model variable.</param>
    /// <param name="eliminate">The variables to eliminate.</param>
    /// <param name="heuristic">How to choose the next variable.</param>
    /// <param name="stopAbove">
    /// Stop as soon as a clique has more entries than this: the computation cannot fit anyway, and
    /// the rest of the plan (slow to find on a huge graph) would not be used.
    /// </param>
    public static EliminationOrder Compute(IEnumerable<int[]> scopes, int[] cardinalities, IEnumerable<int> eliminate, EliminationHeuristic heuristic, double stopAbove = double.PositiveInfinity)
    {
        var graph = new Dictionary<int, HashSet<int>>();
        foreach (var scope in scopes)
        {
            foreach (var a in scope)
            {
                if (!graph.TryGetValue(a, out var neighbours))
                {
                    graph[a] = neighbours = [];
                }

                foreach (var b in scope)
                {
                    if (a != b)
                    {
                        neighbours.Add(b);
                    }
                }
            }
        }

        var toEliminate = new HashSet<int>(eliminate);
        foreach (var v in toEliminate)
        {
            graph.TryAdd(v, []);
        }

        var queue = new PriorityQueue<int, Score>();
        var current = new Dictionary<int, Score>();
        foreach (var v in toEliminate)
        {
            var score = Evaluate(graph, cardinalities, v, heuristic);
            current[v] = score;
            queue.Enqueue(v, score);
        }

        var order = new int[toEliminate.Count];
        var cliques = new int[toEliminate.Count][];
        var step = 0;
        var affected = new HashSet<int>();
        while (queue.TryDequeue(out var v, out var score))
        {
            if (!current.TryGetValue(v, out var latest) || latest != score)
            {
                continue; // a stale entry: the variable was re-scored or eliminated since
            }

            current.Remove(v);
            var neighbours = graph[v];
            var clique = new int[neighbours.Count + 1];
            neighbours.CopyTo(clique);
            clique[^1] = v;
            Array.Sort(clique);
            order[step] = v;
            cliques[step++] = clique;
            if (Factor.EntriesOf(clique.Select(w => cardinalities[w])) > stopAbove)
            {
                return new EliminationOrder(order[..step], cliques[..step], cardinalities, stopped: true);
            }

            // Join the neighbours pairwise (fill-in), then take v out.
            affected.Clear();
            foreach (var a in neighbours)
            {
                var an = graph[a];
                an.Remove(v);
                foreach (var b in neighbours)
                {
                    if (a != b)
                    {
                        an.Add(b);
                    }
                }
            }

            foreach (var a in neighbours)
            {
                affected.Add(a);
                affected.UnionWith(graph[a]);
            }

            graph.Remove(v);
            foreach (var a in affected)
            {
                if (current.ContainsKey(a))
                {
                    var s = Evaluate(graph, cardinalities, a, heuristic);
                    if (s != current[a])
                    {
                        current[a] = s;
                        queue.Enqueue(a, s);
                    }
                }
            }
        }

        return new EliminationOrder(order, cliques, cardinalities, stopped: false);
    }

    private static Score Evaluate(Dictionary<int, HashSet<int>> graph, int[] cardinalities, int v, EliminationHeuristic heuristic)
    {
        var neighbours = graph[v];
        var weight = (double)cardinalities[v];
        foreach (var a in neighbours)
        {
            weight *= cardinalities[a];
        }

        double primary;
        switch (heuristic)
        {
            case EliminationHeuristic.MinDegree:
                primary = neighbours.Count;
                break;
            case EliminationHeuristic.MinWeight:
                primary = weight;
                break;
            default:
                var weighted = heuristic == EliminationHeuristic.WeightedMinFill;
                var fill = 0.0;
                foreach (var a in neighbours)
                {
                    var an = graph[a];
                    foreach (var b in neighbours)
                    {
                        if (a < b && !an.Contains(b))
                        {
                            fill += weighted ? (double)cardinalities[a] * cardinalities[b] : 1.0;
                        }
                    }
                }

                primary = fill;
                break;
        }

        return new Score(primary, weight, v);
    }

    /// <summary>A candidate's score: lower is eliminated first; ties go to the smaller clique, then the lower index.</summary>
    private readonly record struct Score(double Primary, double Weight, int Index) : IComparable<Score>
    {
        public int CompareTo(Score other)
        {
            var c = Primary.CompareTo(other.Primary);
            if (c != 0)
            {
                return c;
            }

            c = Weight.CompareTo(other.Weight);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
