using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Models;

public sealed partial class ModelBuilder
{
    /// <summary>
    /// Resolves each variable's parents: the <c>given</c> list when written (every name an expression
    /// uses must then be in it), otherwise the variables its expressions use, in order of first use.
    /// </summary>
    private void ResolveParents(List<VariableDraft> drafts)
    {
        var byName = drafts.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            var given = draft.Spec.Given;
            var declared = given.Length > 0 || draft.UsesTable;
            var names = declared ? given : [.. draft.UsedNames];
            var parents = ImmutableArray.CreateBuilder<int>(names.Length);
            var ok = draft.Type is not null;
            foreach (var name in names)
            {
                if (!byName.TryGetValue(name.Value, out var parent))
                {
                    var candidates = byName.Keys.Concat(_parameters.Keys);
                    _diagnostics.Error(
                        declared ? DiagnosticCodes.UnknownParent : DiagnosticCodes.UnknownName,
                        name.Span,
                        declared
                            ? $"'{draft.Name}' is given '{name.Value}', which is not a variable of the model"
                            : $"'{draft.Name}' uses '{name.Value}', which is neither a variable nor a parameter",
                        NameSuggestion.DidYouMean(name.Value, candidates));
                    ok = false;
                }
                else if (parent.Index == draft.Index)
                {
                    _diagnostics.Error(DiagnosticCodes.SelfParent, name.Span, $"'{draft.Name}' cannot be its own parent");
                    ok = false;
                }
                else if (parents.Contains(parent.Index))
                {
                    _diagnostics.Error(DiagnosticCodes.DuplicateParent, name.Span, $"'{name.Value}' is listed twice in the parents of '{draft.Name}'");
                    ok = false;
                }
                else
                {
                    parents.Add(parent.Index);
                }
            }

            if (declared && given.Length > 0)
            {
                foreach (var used in draft.UsedNames.Where(u => !given.Any(g => g.Value == u.Value)))
                {
                    _diagnostics.Error(
                        DiagnosticCodes.NotGiven,
                        used.Span,
                        $"'{draft.Name}' uses '{used.Value}', which is not in its 'given' list",
                        byName.ContainsKey(used.Value) ? $"add '{used.Value}' to 'given', or leave 'given' out to take the parents from the formulas" : NameSuggestion.DidYouMean(used.Value, byName.Keys.Concat(_parameters.Keys)));
                    ok = false;
                }
            }

            draft.Parents = ok ? parents.ToImmutable() : default;
        }
    }

    /// <summary>
    /// Kahn's algorithm, always taking the earliest-written variable that is ready, so the order is
    /// stable and reads like the file. Reports each cycle by name when the graph is not a DAG.
    /// </summary>
    private ImmutableArray<int> SortTopologically(List<VariableDraft> drafts)
    {
        var n = drafts.Count;
        var (order, indegree) = Graphs.TopologicalSort.Sort(n, i => drafts[i].Parents);
        if (order.Length == n)
        {
            return order;
        }

        ReportCycles(drafts, indegree);
        return default;
    }

    /// <summary>Finds and reports one cycle through each group of variables left unsorted.</summary>
    private void ReportCycles(List<VariableDraft> drafts, int[] indegree)
    {
        var reported = new HashSet<int>();
        foreach (var start in drafts.Where(d => indegree[d.Index] > 0).Select(d => d.Index))
        {
            if (reported.Contains(start))
            {
                continue;
            }

            // Walk backwards along parents that are themselves unsorted: every step stays inside the
            // unsorted part, so the walk must revisit a variable, and the part from there is a cycle.
            var path = new List<int>();
            var position = new Dictionary<int, int>();
            var current = start;
            while (!position.ContainsKey(current))
            {
                position[current] = path.Count;
                path.Add(current);
                current = drafts[current].Parents.First(p => indegree[p] > 0);
            }

            var cycle = path.Skip(position[current]).Reverse().ToList();
            if (cycle.Any(reported.Contains))
            {
                continue;
            }

            reported.UnionWith(cycle);
            var names = string.Join(" -> ", cycle.Append(cycle[0]).Select(i => drafts[i].Name));
            var first = drafts[cycle.Min()];
            var edgeParent = drafts[cycle[(cycle.IndexOf(first.Index) + cycle.Count - 1) % cycle.Count]].Name;
            var at = first.Spec.Given.FirstOrDefault(g => g.Value == edgeParent).Span;
            _diagnostics.Error(
                DiagnosticCodes.Cycle,
                at.HasPosition ? at : first.Spec.Span,
                $"the graph has a directed cycle: {names}",
                "a variable cannot depend, directly or through others, on itself; remove one of these edges");
        }
    }
}
