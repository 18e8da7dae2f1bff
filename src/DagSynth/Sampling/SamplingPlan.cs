using System.Collections.Immutable;
using DagSynth.Models;
using DagSynth.Sampling.Kernels;

namespace DagSynth.Sampling;

/// <summary>
/// A model compiled once for sampling: variables in topological order, each compiled to a kernel
/// (flat inverse-CDF tables, bound expressions, distribution forms), and compiled rules. Immutable
/// and shared by every sampling thread.
/// </summary>
public sealed class SamplingPlan
{
    private SamplingPlan(Model model, ImmutableArray<NodeKernel> nodes, ImmutableArray<CompiledRule> rules, IFakeTextSource? fakeText, RejectionStage? rejection)
    {
        Model = model;
        Nodes = nodes;
        Rules = rules;
        FakeText = fakeText;
        Rejection = rejection;
        if (rejection is not null)
        {
            var inStage = new bool[model.Variables.Length];
            foreach (var v in rejection.Variables)
            {
                inStage[v] = true;
            }

            StageNodes = [.. Enumerable.Range(0, nodes.Length).Where(n => inStage[nodes[n].Variable.Index])];
            OtherNodes = [.. Enumerable.Range(0, nodes.Length).Where(n => !inStage[nodes[n].Variable.Index])];
        }
    }

    /// <summary>The model the plan was compiled from.</summary>
    public Model Model { get; }

    /// <summary>The number of columns in a batch (one per variable, in model order).</summary>
    public int ColumnCount => Model.Variables.Length;

    /// <summary>The source of fake text, when the model has fake-text variables.</summary>
    public IFakeTextSource? FakeText { get; }

    internal ImmutableArray<NodeKernel> Nodes { get; }

    internal ImmutableArray<CompiledRule> Rules { get; }

    /// <summary>Conditions met by bounded rejection, if any (see <see cref="Designs.Conditioning"/>).</summary>
    internal RejectionStage? Rejection { get; }

    /// <summary>With a rejection stage, the positions in <see cref="Nodes"/> of the variables it redraws, in order.</summary>
    internal int[] StageNodes { get; } = [];

    /// <summary>With a rejection stage, the positions in <see cref="Nodes"/> of every other variable, in order.</summary>
    internal int[] OtherNodes { get; } = [];

    /// <summary>
    /// Compiles <paramref name="model"/>. Rules that <paramref name="proofs"/> proved impossible on
    /// this very model are not checked row by row: a proof says every configuration breaking the rule
    /// contains a zero-probability table entry, and the sampler never draws a zero-probability level.
    /// Every other rule is checked on every row.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="fakeText">Where fake text comes from; required when the model has <c>fake</c> variables.</param>
    /// <param name="proofs">Rule proofs from <see cref="Inference.InferenceEngine.ProveRules"/>; ignored unless made for <paramref name="model"/>.</param>
    /// <exception cref="ArgumentException">The model has fake-text variables and no source was given.</exception>
    public static SamplingPlan Compile(Model model, IFakeTextSource? fakeText = null, Inference.RuleProofReport? proofs = null) =>
        Compile(model, fakeText, proofs, null);

    /// <summary>Compiles <paramref name="model"/> with an optional stage of conditions met by rejection.</summary>
    internal static SamplingPlan Compile(Model model, IFakeTextSource? fakeText, Inference.RuleProofReport? proofs, RejectionStage? rejection)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (fakeText is null && model.Variables.Any(v => v.Kind == VariableKind.Text))
        {
            throw new ArgumentException("the model has fake-text variables, so it needs an IFakeTextSource", nameof(fakeText));
        }

        var nodes = ImmutableArray.CreateBuilder<NodeKernel>(model.Variables.Length);
        foreach (var index in model.TopologicalOrder)
        {
            nodes.Add(KernelFor(model, model.Variables[index]));
        }

        var proven = proofs is not null && ReferenceEquals(proofs.Model, model) ? proofs : null;
        var rules = model.Rules.Where(r => proven?.IsProven(r) != true).Select(r => new CompiledRule(r, model)).ToImmutableArray();
        return new SamplingPlan(model, nodes.MoveToImmutable(), rules, fakeText, rejection);
    }

    /// <summary>The kernel of one variable.</summary>
    internal static NodeKernel KernelFor(Model model, Variable v) => v.Conditional switch
    {
        CptConditional c => new TableKernel(v, c.Table),
        LogisticConditional or NoisyOrConditional => new BernoulliKernel(v),
        MultinomialConditional or CumulativeLogitConditional => new CategoricalKernel(v),
        DistributionConditional d => new DistributionKernel(v, d),
        DeriveConditional d => new DeriveKernel(v, d),
        DateConditional d => new DateKernel(v, d),
        IdentifierConditional d => new IdentifierKernel(v, d),
        FakeConditional f => new FakeKernel(v, f),
        Designs.TruncatedConditional t => new Designs.TruncatedKernel(v, t),
        Designs.PotentialOutcomeConditional p => new Designs.PotentialOutcomeKernel(v, p, model),
        _ => throw new NotSupportedException($"no kernel for {v.Conditional.GetType().Name}"),
    };

    /// <summary>Problems the plan's fake-text source has with the model's fields and locales (empty when none).</summary>
    public ImmutableArray<string> CheckFakeText() =>
        FakeText is null
            ? []
            : [.. Model.Variables
                .Where(v => v.Conditional is FakeConditional)
                .Select(v => (v, c: (FakeConditional)v.Conditional))
                .Select(x => FakeText.Check(x.c.Field, x.c.Locale) is { } p ? $"'{x.v.Name}': {p}" : null)
                .OfType<string>()];
}
