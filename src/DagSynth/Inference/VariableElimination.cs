using DagSynth.Diagnostics;
using DagSynth.Graphs;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// Variable elimination for one query: P(targets, evidence) as a table over the targets. Only the
/// targets, the observed variables and their ancestors matter (every other variable is barren: its
/// table sums to 1 and drops out), and observed variables are fixed in the tables before anything
/// else, which often cuts the network apart. The elimination order is planned and its tables'
/// sizes checked against the memory budget before any is allocated.
/// </summary>
internal static class VariableElimination
{
    /// <summary>
    /// P(<paramref name="targets"/>, <paramref name="evidence"/>), unnormalised: its sum is
    /// P(evidence). With <paramref name="support"/>, every table entry is replaced by 1 when positive,
    /// so the result counts the possible configurations and is 0 exactly when impossible (no
    /// product can underflow).
    /// </summary>
    /// <param name="model">The model (all discrete).</param>
    /// <param name="targets">The query variables, ascending, none observed.</param>
    /// <param name="evidence">The observations.</param>
    /// <param name="options">The memory budget and elimination heuristic.</param>
    /// <param name="support">Whether to compute possibility instead of probability.</param>
    public static (Factor? Joint, Diagnostic? Problem) Run(Model model, int[] targets, Evidence evidence, InferenceOptions options, bool support = false)
    {
        var relevant = DagAnalysis.AncestralSet(model, targets.Concat(evidence.Assignments.Select(e => e.Variable)));
        var factors = new List<Factor>(relevant.Length);
        foreach (var v in relevant)
        {
            factors.Add(Factor.FromCpt(model.Variables[v], evidence, support));
        }

        var cards = model.Variables.Select(v => v.Cardinality).ToArray();
        var eliminate = relevant.Where(v => !evidence.Contains(v) && Array.BinarySearch(targets, v) < 0).ToArray();
        var resultEntries = Factor.EntriesOf(targets.Select(t => cards[t]));
        if (resultEntries > MemoryBudget.StopAbove(options))
        {
            return (null, MemoryBudget.TooLargeResult(model, options, targets, resultEntries));
        }

        var plan = EliminationOrder.Compute(factors.Select(f => f.Variables), cards, eliminate, options.Heuristic, MemoryBudget.StopAbove(options));
        var total = plan.CliqueEntries.Zip(plan.Order, (entries, v) => entries / cards[v]).Sum() + resultEntries;
        if (MemoryBudget.Check(model, options, "this query", plan, Math.Max(total, Math.Max(plan.LargestCliqueEntries, resultEntries))) is { } problem)
        {
            return (null, problem);
        }

        // Buckets: every factor is listed, by its position in the pool, under each of its variables.
        // The pool keeps creation order, so the arithmetic, and so the result's last bits, never vary.
        var pool = new List<Factor>(factors);
        var alive = new List<bool>(factors.Select(_ => true));
        var byVariable = new Dictionary<int, List<int>>();
        void Register(int id)
        {
            foreach (var v in pool[id].Variables)
            {
                if (!byVariable.TryGetValue(v, out var list))
                {
                    byVariable[v] = list = [];
                }

                list.Add(id);
            }
        }

        for (var id = 0; id < pool.Count; id++)
        {
            Register(id);
        }

        var taken = new List<Factor>();
        var scope = new SortedSet<int>();
        foreach (var v in plan.Order)
        {
            taken.Clear();
            scope.Clear();
            if (byVariable.TryGetValue(v, out var bucket))
            {
                foreach (var id in bucket)
                {
                    if (alive[id])
                    {
                        alive[id] = false;
                        taken.Add(pool[id]);
                        scope.UnionWith(pool[id].Variables);
                    }
                }
            }

            if (taken.Count == 0)
            {
                continue;
            }

            scope.Remove(v);
            pool.Add(Factor.SumProduct(taken, [.. scope]));
            alive.Add(true);
            Register(pool.Count - 1);
        }

        var remaining = pool.Where((_, id) => alive[id]).ToList();
        if (remaining.Count == 0)
        {
            remaining.Add(Factor.Scalar(1));
        }

        return (Factor.SumProduct(remaining, targets), null);
    }
}
