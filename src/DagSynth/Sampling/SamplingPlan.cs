using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Sampling;

/// <summary>
/// A model compiled once for sampling: variables in topological order, flat inverse-CDF tables,
/// column slots and compiled rules. Immutable and shared by every sampling thread.
/// </summary>
public sealed class SamplingPlan
{
    private SamplingPlan(Model model, ImmutableArray<DiscreteNode> nodes, ImmutableArray<CompiledRule> rules)
    {
        Model = model;
        Nodes = nodes;
        Rules = rules;
    }

    /// <summary>The model the plan was compiled from.</summary>
    public Model Model { get; }

    /// <summary>The number of columns in a batch (one per variable, in model order).</summary>
    public int ColumnCount => Model.Variables.Length;

    internal ImmutableArray<DiscreteNode> Nodes { get; }

    internal ImmutableArray<CompiledRule> Rules { get; }

    /// <summary>Compiles <paramref name="model"/>; every rule is checked on every row.</summary>
    public static SamplingPlan Compile(Model model) => Compile(model, null);

    /// <summary>
    /// Compiles <paramref name="model"/>, leaving out the row check of each rule that
    /// <paramref name="proofs"/> proved impossible on this very model. That is safe: a proof says
    /// every configuration breaking the rule contains a zero-probability table entry, and the
    /// sampler never draws a zero-probability level. Rules not proven are checked on every row.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="proofs">Rule proofs from <see cref="Inference.InferenceEngine.ProveRules"/>; ignored unless made for <paramref name="model"/>.</param>
    public static SamplingPlan Compile(Model model, Inference.RuleProofReport? proofs)
    {
        ArgumentNullException.ThrowIfNull(model);
        var nodes = ImmutableArray.CreateBuilder<DiscreteNode>(model.Variables.Length);
        foreach (var index in model.TopologicalOrder)
        {
            var v = model.Variables[index];
            var table = ((CptConditional)v.Conditional).Table;
            var parents = v.Parents.ToArray();
            var strides = new int[parents.Length];
            for (int p = parents.Length - 1, s = 1; p >= 0; p--)
            {
                strides[p] = s;
                s *= table.ParentCardinalities[p];
            }

            nodes.Add(new DiscreteNode(index, v.Name, parents, strides, new DiscreteRows(table.Values, v.Cardinality)));
        }

        var proven = proofs is not null && ReferenceEquals(proofs.Model, model) ? proofs : null;
        var rules = model.Rules.Where(r => proven?.IsProven(r) != true).Select(r => new CompiledRule(r, model)).ToImmutableArray();
        return new SamplingPlan(model, nodes.MoveToImmutable(), rules);
    }
}
