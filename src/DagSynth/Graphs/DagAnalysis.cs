using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Graphs;

/// <summary>
/// Questions about a model's graph alone, whatever its numbers: ancestors and descendants, the
/// Markov blanket, d-separation (by the Bayes-ball reachability algorithm), and whether an exposure
/// has an open back-door path to an outcome. Results list variable indices in ascending order.
/// </summary>
public static class DagAnalysis
{
    /// <summary>The proper ancestors of <paramref name="variable"/>: its parents, their parents, and so on.</summary>
    public static ImmutableArray<int> Ancestors(Model model, int variable)
    {
        ArgumentNullException.ThrowIfNull(model);
        var seen = Walk(model.Variables.Length, [variable], v => model.Variables[v].Parents);
        seen[variable] = false;
        return Indices(seen);
    }

    /// <summary>The proper descendants of <paramref name="variable"/>: its children, their children, and so on.</summary>
    public static ImmutableArray<int> Descendants(Model model, int variable)
    {
        ArgumentNullException.ThrowIfNull(model);
        var seen = Walk(model.Variables.Length, [variable], v => model.Children[v]);
        seen[variable] = false;
        return Indices(seen);
    }

    /// <summary>The variables of <paramref name="variables"/> together with all their ancestors.</summary>
    public static ImmutableArray<int> AncestralSet(Model model, IEnumerable<int> variables)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Indices(AncestralFlags(model, variables));
    }

    /// <summary>
    /// The Markov blanket of <paramref name="variable"/>: its parents, its children and its children's
    /// other parents. Given its blanket, a variable is independent of every other variable.
    /// </summary>
    public static ImmutableArray<int> MarkovBlanket(Model model, int variable)
    {
        ArgumentNullException.ThrowIfNull(model);
        var blanket = new SortedSet<int>(model.Variables[variable].Parents);
        foreach (var child in model.Children[variable])
        {
            blanket.Add(child);
            blanket.UnionWith(model.Variables[child].Parents);
        }

        blanket.Remove(variable);
        return [.. blanket];
    }

    /// <summary>
    /// Whether every variable of <paramref name="x"/> is d-separated from every variable of
    /// <paramref name="y"/> given <paramref name="given"/>: no trail between them is active, so the
    /// model implies the independence whatever its tables are.
    /// </summary>
    public static bool IsDSeparated(Model model, IEnumerable<int> x, IEnumerable<int> y, IEnumerable<int> given)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(given);
        var sources = x.ToHashSet();
        var observed = given.ToHashSet();
        var parents = model.Variables.Select(v => v.Parents).ToImmutableArray();
        var reachable = Reachable(parents, model.Children, sources, observed);
        return !y.Any(v => !observed.Contains(v) && (reachable[v] || sources.Contains(v)));
    }

    /// <summary>
    /// The variables d-connected to some variable of <paramref name="sources"/> given
    /// <paramref name="given"/> (the sources themselves excluded, and observed variables never
    /// included): the variables whose distribution evidence on the sources can change.
    /// </summary>
    public static ImmutableArray<int> DConnected(Model model, IEnumerable<int> sources, IEnumerable<int> given)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parents = model.Variables.Select(v => v.Parents).ToImmutableArray();
        var reachable = Reachable(parents, model.Children, sources, given);
        foreach (var s in sources)
        {
            reachable[s] = false;
        }

        return Indices(reachable);
    }

    /// <summary>
    /// Whether <paramref name="exposure"/> and <paramref name="outcome"/> are connected by a
    /// back-door path (one that starts with an arrow into the exposure) that is open when nothing is
    /// observed: a common cause, so the crude association is confounded and differs in general from
    /// the causal effect.
    /// </summary>
    public static bool HasBackdoorPath(Model model, int exposure, int outcome)
    {
        ArgumentNullException.ThrowIfNull(model);

        // Cut the exposure's outgoing edges: any trail left between the two starts with an arrow into the exposure.
        var parents = model.Variables
            .Select(v => v.Parents.Contains(exposure) ? v.Parents.Remove(exposure) : v.Parents)
            .ToImmutableArray();
        var children = model.Children.SetItem(exposure, []);
        return Reachable(parents, children, [exposure], [])[outcome];
    }

    /// <summary>
    /// Bayes-ball (Koller and Friedman, algorithm 3.1): the nodes reachable from the sources along
    /// active trails given the observed set. A trail passes a non-collider that is not observed, and
    /// a collider that is observed or has an observed descendant.
    /// </summary>
    internal static bool[] Reachable(
        ImmutableArray<ImmutableArray<int>> parents,
        ImmutableArray<ImmutableArray<int>> children,
        IEnumerable<int> sources,
        IEnumerable<int> observed)
    {
        var n = parents.Length;
        var isObserved = new bool[n];
        foreach (var z in observed)
        {
            isObserved[z] = true;
        }

        // Observed nodes and their ancestors: colliders there are open.
        var hasObservedDescendant = Walk(n, observed, v => parents[v]);

        var visitedUp = new bool[n];
        var visitedDown = new bool[n];
        var reachable = new bool[n];
        var stack = new Stack<(int Node, bool Up)>();
        foreach (var s in sources)
        {
            stack.Push((s, true));
        }

        while (stack.TryPop(out var item))
        {
            var (node, up) = item;
            if (up ? visitedUp[node] : visitedDown[node])
            {
                continue;
            }

            (up ? visitedUp : visitedDown)[node] = true;
            if (!isObserved[node])
            {
                reachable[node] = true;
            }

            if (up && !isObserved[node])
            {
                // Arrived from a child: go on to parents (chain/fork) and children (fork).
                foreach (var p in parents[node])
                {
                    stack.Push((p, true));
                }

                foreach (var c in children[node])
                {
                    stack.Push((c, false));
                }
            }
            else if (!up)
            {
                // Arrived from a parent: chains continue down; a collider opens when observed below.
                if (!isObserved[node])
                {
                    foreach (var c in children[node])
                    {
                        stack.Push((c, false));
                    }
                }

                if (hasObservedDescendant[node])
                {
                    foreach (var p in parents[node])
                    {
                        stack.Push((p, true));
                    }
                }
            }
        }

        return reachable;
    }

    internal static bool[] AncestralFlags(Model model, IEnumerable<int> variables) =>
        Walk(model.Variables.Length, variables, v => model.Variables[v].Parents);

    /// <summary>Flags every node reachable from <paramref name="start"/> (included) along <paramref name="next"/>.</summary>
    private static bool[] Walk(int n, IEnumerable<int> start, Func<int, ImmutableArray<int>> next)
    {
        var seen = new bool[n];
        var stack = new Stack<int>();
        foreach (var s in start)
        {
            if (!seen[s])
            {
                seen[s] = true;
                stack.Push(s);
            }
        }

        while (stack.TryPop(out var v))
        {
            foreach (var w in next(v))
            {
                if (!seen[w])
                {
                    seen[w] = true;
                    stack.Push(w);
                }
            }
        }

        return seen;
    }

    private static ImmutableArray<int> Indices(bool[] flags)
    {
        var result = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i])
            {
                result.Add(i);
            }
        }

        return result.ToImmutable();
    }
}
