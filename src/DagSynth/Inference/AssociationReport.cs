using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Inference;

/// <summary>The associations the model implies between exposures and one outcome level.</summary>
/// <param name="Outcome">The outcome variable's index.</param>
/// <param name="OutcomeLevel">The outcome level whose risk is compared (the "event").</param>
/// <param name="OutcomeProbability">P(outcome = level).</param>
/// <param name="Exposures">One entry per exposure that could be computed, in the order asked.</param>
/// <param name="Diagnostics">Exposures that could not be computed (memory budget) and undefined crude measures.</param>
public sealed record AssociationReport(
    int Outcome,
    int OutcomeLevel,
    double OutcomeProbability,
    ImmutableArray<ExposureAssociation> Exposures,
    ImmutableArray<Diagnostic> Diagnostics);
