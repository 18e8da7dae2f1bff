using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Designs;

/// <summary>
/// A model transformed by <see cref="Conditioning.Apply"/>: forward sampling it (with its rejection
/// stage, if any) draws rows from the original model given the evidence.
/// </summary>
public sealed class ConditionedModel
{
    internal ConditionedModel(Model? model, double evidenceProbability, ImmutableArray<ConditionReport> reports, ImmutableArray<Diagnostic> diagnostics, RejectionStage? rejection, double proposalProbability = double.NaN)
    {
        Model = model;
        EvidenceProbability = evidenceProbability;
        ProposalProbability = rejection is null ? evidenceProbability : proposalProbability;
        Reports = reports;
        Diagnostics = diagnostics;
        Rejection = rejection;
    }

    /// <summary>The transformed model, or null when the evidence cannot be met (see <see cref="Diagnostics"/>).</summary>
    public Model? Model { get; }

    /// <summary>
    /// P(evidence) under the original model when every condition is met exactly (1 for no evidence,
    /// 0 when impossible); NaN when some condition is met by rejection, whose probability is only
    /// estimated by the acceptance rate.
    /// </summary>
    public double EvidenceProbability { get; }

    /// <summary>
    /// The probability, under the original model, of the conditions met exactly (through the junction
    /// tree or by truncating roots, the raw proposal interval of a clipped or rounded root included):
    /// the probability of the set the rejection stage proposes from. P(evidence) is this times the
    /// stage's acceptance probability, which generation estimates by the rows' acceptance rate.
    /// Equal to <see cref="EvidenceProbability"/> without rejection.
    /// </summary>
    public double ProposalProbability { get; }

    /// <summary>How each condition is met, in the order given.</summary>
    public ImmutableArray<ConditionReport> Reports { get; }

    /// <summary>Why there is no model: DS0401 (impossible evidence), DS0402 (memory budget), DS0905 (a condition that cannot be met).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Whether there is a model to sample.</summary>
    public bool Succeeded => Model is not null;

    /// <summary>Whether some condition is met by bounded rejection (generation can then stop with DS0411).</summary>
    public bool UsesRejection => Rejection is not null;

    internal RejectionStage? Rejection { get; }

    /// <summary>Compiles the transformed model for sampling, with its rejection stage.</summary>
    /// <exception cref="InvalidOperationException">There is no model (the evidence cannot be met).</exception>
    public SamplingPlan Compile(IFakeTextSource? fakeText = null) =>
        SamplingPlan.Compile(Model ?? throw new InvalidOperationException("the evidence cannot be met; see Diagnostics"), fakeText, null, Rejection);

    /// <summary>The same conditioning over <paramref name="model"/>, which extends <see cref="Model"/> with variables appended after it.</summary>
    internal ConditionedModel With(Model model) => new(model, EvidenceProbability, Reports, Diagnostics, Rejection, ProposalProbability);

    /// <summary>
    /// A plan that draws only what the rejection stage needs, to count its attempts: the stage's
    /// variables as in <see cref="Compile"/> (same names, so the same random streams, and so the same
    /// attempts row by row), every other variable a constant placeholder, no rules and no missingness.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no model or no rejection stage.</exception>
    internal SamplingPlan CompileStage(IFakeTextSource? fakeText)
    {
        var model = Model ?? throw new InvalidOperationException("the evidence cannot be met; see Diagnostics");
        var stage = Rejection ?? throw new InvalidOperationException("no condition is met by rejection");
        var inStage = new bool[model.Variables.Length];
        foreach (var v in stage.Variables)
        {
            inStage[v] = true;
        }

        var variables = model.Variables
            .Select(v => inStage[v.Index]
                ? new Variable(v.Name, v.Index, v.Kind, v.Levels, v.Parents, v.Conditional, v.Location, v.Label, v.Description, v.Type, v.Unit)
                : Variable.Placeholder(v))
            .ToImmutableArray();
        var stageModel = new Model(model.Name, model.Description, model.Seed, variables, [], model.Parameters, model.TopologicalOrder, model.Location, model.ReferenceDate);
        return SamplingPlan.Compile(stageModel, fakeText, null, stage);
    }
}
