using System.Collections.Immutable;
using DagSynth.Diagnostics;

namespace DagSynth.Inference;

/// <summary>
/// The answer to <c>P(targets | evidence)</c>: the probability of the evidence and the posterior joint
/// distribution of the targets. When the evidence is impossible, <see cref="EvidenceProbability"/> is
/// exactly 0, there is no posterior, and a DS0401 diagnostic says so; when the computation does not
/// fit in the memory budget, the probability is NaN and a DS0402 diagnostic explains.
/// </summary>
/// <param name="Targets">The query variables, in the order asked.</param>
/// <param name="Evidence">The observations.</param>
/// <param name="EvidenceProbability">P(evidence): 1 without evidence, 0 when impossible, NaN when not computed.</param>
/// <param name="Posterior">P(targets | evidence), or null when the evidence is impossible or the query failed.</param>
/// <param name="Diagnostics">Why there is no posterior, when there is none.</param>
public sealed record QueryResult(
    ImmutableArray<int> Targets,
    Evidence Evidence,
    double EvidenceProbability,
    JointDistribution? Posterior,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Whether a posterior was computed.</summary>
    public bool Succeeded => Posterior is not null;

    /// <summary>Whether the evidence was found to have probability exactly 0.</summary>
    public bool IsEvidenceImpossible => EvidenceProbability == 0;
}
