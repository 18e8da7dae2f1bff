using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>The verdicts on every rule of one model.</summary>
/// <param name="Model">The model the rules were proven on (a sampling plan skips only rules proven on its own model).</param>
/// <param name="Proofs">One verdict per rule, in the model's order.</param>
public sealed record RuleProofReport(Model Model, ImmutableArray<RuleProof> Proofs)
{
    /// <summary>The diagnostics of the rules that are not proven.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => [.. Proofs.Where(p => p.Diagnostic is not null).Select(p => p.Diagnostic!.Value)];

    /// <summary>Whether every rule is proven.</summary>
    public bool AllProven => Proofs.All(p => p.IsProven);

    /// <summary>Whether <paramref name="rule"/> (a rule of <see cref="Model"/>) is proven.</summary>
    public bool IsProven(Rule rule) => Proofs.Any(p => ReferenceEquals(p.Rule, rule) && p.IsProven);
}
