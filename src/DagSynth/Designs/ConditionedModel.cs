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
    internal ConditionedModel(Model? model, double evidenceProbability, ImmutableArray<ConditionReport> reports, ImmutableArray<Diagnostic> diagnostics, RejectionStage? rejection)
    {
        Model = model;
        EvidenceProbability = evidenceProbability;
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
    internal ConditionedModel With(Model model) => new(model, EvidenceProbability, Reports, Diagnostics, Rejection);
}
