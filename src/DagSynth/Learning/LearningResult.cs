using System.Collections.Immutable;
using DagSynth.Diagnostics;
using DagSynth.Models;

namespace DagSynth.Learning;

/// <summary>What <see cref="ParameterLearner.Learn"/> produced.</summary>
/// <param name="Model">The model with learned tables, or null when the model cannot be learned (see the errors).</param>
/// <param name="Diagnostics">Errors (variables that are not tables, rules the learned tables can break) and warnings (unseen parent configurations).</param>
/// <param name="Counts">The counts of every variable's family, by variable index (empty on failure).</param>
/// <param name="Rows">The number of rows of the data.</param>
public sealed record LearningResult(Model? Model, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<FamilyCounts> Counts, long Rows)
{
    /// <summary>Whether a model was learned.</summary>
    public bool Succeeded => Model is not null;

    /// <summary>The number of parent configurations, over all tables, that no usable row showed.</summary>
    public int UnseenConfigurations => Counts.Sum(c => c.UnseenConfigurations);

    /// <summary>The fewest rows any family used (available-case: rows where the child and its parents are observed).</summary>
    public long FewestRowsUsed => Counts.IsEmpty ? 0 : Counts.Min(c => c.RowsUsed);
}
