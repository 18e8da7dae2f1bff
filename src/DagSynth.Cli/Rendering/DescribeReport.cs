using System.Collections.Immutable;
using DagSynth.Inference;
using DagSynth.Models;

namespace DagSynth.Cli.Rendering;

/// <summary>Everything <c>describe</c> computed, for the text and JSON writers.</summary>
/// <param name="Model">The model.</param>
/// <param name="Marginals">The marginals (given the evidence, if any).</param>
/// <param name="Arcs">The arc strengths (prior), empty when they could not be computed.</param>
/// <param name="Rules">The rule proofs.</param>
/// <param name="Associations">The associations, when an outcome was asked for.</param>
/// <param name="Variables">The variables to show graph facts about.</param>
/// <param name="Independences">The d-separation statements and their verdicts.</param>
/// <param name="Exact">Which variables the exact answers cover (the discrete part of the model).</param>
/// <param name="Simulated">Monte-Carlo estimates for the other variables, when there are any (and no evidence).</param>
internal sealed record DescribeReport(
    Model Model,
    MarginalsResult Marginals,
    ImmutableArray<ArcStrength> Arcs,
    RuleProofReport Rules,
    AssociationReport? Associations,
    ImmutableArray<int> Variables,
    ImmutableArray<(IndependenceQuery Query, bool Separated)> Independences,
    DiscretePart Exact,
    DagSynth.Inference.Simulation.SimulationSummary? Simulated)
{
    /// <summary>The interventions applied to the model before it was described.</summary>
    public ImmutableArray<InterventionSetting> Interventions { get; init; } = [];
}
