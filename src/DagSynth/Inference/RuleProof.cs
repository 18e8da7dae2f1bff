using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// The exact verdict on one <c>never</c> rule: the probability that a row satisfies its condition
/// and, when that is possible, a witness: the most probable configuration of the rule's variables
/// that breaks the rule.
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Status">Proven, violated, or undecided (out of budget).</param>
/// <param name="ViolationProbability">P(condition): exactly 0 when proven, NaN when undecided. It may print as 0 when violated but below the smallest double.</param>
/// <param name="Witness">When violated, the rule's variables at levels that break it, with positive probability; otherwise empty.</param>
/// <param name="WitnessProbability">The probability of the witness configuration.</param>
/// <param name="Diagnostic">DS0407 (error) when violated, DS0408 (warning) when undecided, null when proven.</param>
public sealed record RuleProof(
    Rule Rule,
    RuleProofStatus Status,
    double ViolationProbability,
    ImmutableArray<LevelAssignment> Witness,
    double WitnessProbability,
    Diagnostic? Diagnostic)
{
    /// <summary>Whether the rule can never be broken.</summary>
    public bool IsProven => Status == RuleProofStatus.Proven;
}
