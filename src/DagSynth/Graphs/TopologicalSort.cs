using System.Collections.Immutable;

namespace DagSynth.Graphs;

/// <summary>
/// Kahn's algorithm, always taking the earliest-indexed node that is ready, so the order is stable
/// and reads like the model file. Shared by the validation gate and by model transformations.
/// </summary>
internal static class TopologicalSort
{
    /// <summary>
    /// Orders nodes 0..n-1 so that every parent comes before its children; <paramref name="parentsOf"/>
    /// gives a node's parents (default means none). Returns the nodes it could order, and each node's
    /// count of unordered parents: all zero when the graph is acyclic, positive on and after a cycle.
    /// </summary>
    public static (ImmutableArray<int> Order, int[] Remaining) Sort(int n, Func<int, ImmutableArray<int>> parentsOf)
    {
        var indegree = new int[n];
        var children = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            children[i] = [];
        }

        for (var child = 0; child < n; child++)
        {
            var parents = parentsOf(child);
            if (parents.IsDefault)
            {
                continue;
            }

            foreach (var p in parents)
            {
                children[p].Add(child);
                indegree[child]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < n; i++)
        {
            if (indegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = ImmutableArray.CreateBuilder<int>(n);
        while (ready.TryDequeue(out var v, out _))
        {
            order.Add(v);
            foreach (var c in children[v])
            {
                if (--indegree[c] == 0)
                {
                    ready.Enqueue(c, c);
                }
            }
        }

        return (order.ToImmutable(), indegree);
    }
}
