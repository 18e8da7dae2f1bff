using System.Collections.Immutable;
using DagSynth.Models;

namespace DagSynth.Inference;

/// <summary>
/// A query bound to a model: P(targets | evidence) in the model after interventions. When
/// <see cref="EventLevels"/> is not empty, the query asks for the probability of one event,
/// P(T1=t1, T2=t2 | ...), which is one cell of the targets' posterior.
/// </summary>
/// <param name="Text">The query as written.</param>
/// <param name="Targets">The target variables, in the order written.</param>
/// <param name="EventLevels">Each target's level when the query is about an event; otherwise empty.</param>
/// <param name="Evidence">The observations.</param>
/// <param name="Interventions">The interventions do(X=x), applied to the model before conditioning.</param>
public sealed record ProbabilityQuery(
    string Text,
    ImmutableArray<int> Targets,
    ImmutableArray<int> EventLevels,
    Evidence Evidence,
    ImmutableArray<LevelAssignment> Interventions)
{
    /// <summary>Whether the query asks for the probability of an event rather than a distribution.</summary>
    public bool IsEvent => !EventLevels.IsEmpty;
}
