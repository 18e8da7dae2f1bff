using System.Collections.Immutable;

namespace DagSynth.Models;

/// <summary>
/// Interventions <c>do(X = x)</c> as a transformation of the model (graph surgery): every intervened
/// variable loses its incoming edges and its table becomes a point mass on the chosen level; nothing
/// else changes. Inference on the result gives <c>P(· | do(X = x))</c>, and sampling it gives data from
/// the intervened world. A pure function: the input model is not modified.
/// </summary>
public static class Intervention
{
    /// <summary>The model in which each variable of <paramref name="settings"/> is forced to its level.</summary>
    /// <param name="model">The model to transform.</param>
    /// <param name="settings">The interventions; a variable may appear once.</param>
    /// <returns>A new model with the same variables, in the same order, with the same names, levels and rules (the model itself when there are no settings).</returns>
    /// <exception cref="ArgumentException">A variable or level is out of range, or a variable is set twice.</exception>
    /// <remarks>
    /// Rules are kept as declared. An intervention can force what a rule forbids (do(treated = true)
    /// for everyone, say); proving the rules of the intervened model reports that.
    /// </remarks>
    public static Model Apply(Model model, IEnumerable<LevelAssignment> settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var forced = new Dictionary<int, int>();
        foreach (var s in settings)
        {
            if ((uint)s.Variable >= (uint)model.Variables.Length)
            {
                throw new ArgumentException($"variable index {s.Variable} is out of range", nameof(settings));
            }

            var variable = model.Variables[s.Variable];
            if ((uint)s.Level >= (uint)variable.Cardinality)
            {
                throw new ArgumentException($"level {s.Level} is out of range for '{variable.Name}'", nameof(settings));
            }

            if (!forced.TryAdd(s.Variable, s.Level))
            {
                throw new ArgumentException($"'{variable.Name}' is intervened on twice", nameof(settings));
            }
        }

        if (forced.Count == 0)
        {
            return model;
        }

        var variables = model.Variables.Select(v => forced.TryGetValue(v.Index, out var level) ? Force(v, level) : v).ToImmutableArray();
        return new Model(
            model.Name,
            model.Description,
            model.Seed,
            variables,
            model.Rules,
            model.Parameters,
            TopologicalOrder(variables),
            model.Location,
            model.ReferenceDate,
            model.Dirty);
    }

    /// <summary>The model with <paramref name="variable"/> forced to <paramref name="level"/>.</summary>
    public static Model Apply(Model model, int variable, int level) => Apply(model, [new LevelAssignment(variable, level)]);

    private static Variable Force(Variable v, int level)
    {
        var values = new double[v.Cardinality];
        values[level] = 1;
        return new Variable(
            v.Name,
            v.Index,
            v.Kind,
            v.Levels,
            [],
            new CptConditional(new Cpt([], v.Cardinality, values)),
            v.Location,
            v.Label,
            v.Description,
            v.Kind switch
            {
                VariableKind.Boolean => NodeType.Boolean,
                VariableKind.Ordinal => NodeType.Ordinal,
                _ => NodeType.Categorical,
            },
            v.Unit,
            v.Missing);
    }

    /// <summary>Kahn's algorithm taking the earliest-written ready variable, as the model builder does.</summary>
    private static ImmutableArray<int> TopologicalOrder(ImmutableArray<Variable> variables)
    {
        var n = variables.Length;
        var indegree = new int[n];
        var children = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            children[i] = [];
        }

        foreach (var v in variables)
        {
            foreach (var p in v.Parents)
            {
                children[p].Add(v.Index);
                indegree[v.Index]++;
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

        return order.MoveToImmutable();
    }
}
