using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Inference;

/// <summary>
/// The marginal distribution of every variable, prior or given evidence: <c>Marginals[v][k]</c> is
/// P(variable v at level k | evidence). Empty, with diagnostics, when the evidence is impossible
/// (DS0401) or the computation does not fit in the memory budget (DS0402).
/// </summary>
/// <param name="Marginals">One distribution per variable, in model order; empty on failure.</param>
/// <param name="Evidence">The observations.</param>
/// <param name="EvidenceProbability">P(evidence): 1 without evidence, 0 when impossible, NaN when not computed.</param>
/// <param name="Diagnostics">Why there are no marginals, when there are none.</param>
public sealed record MarginalsResult(
    ImmutableArray<ImmutableArray<double>> Marginals,
    Evidence Evidence,
    double EvidenceProbability,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether the marginals were computed.</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
