using System.Collections.Immutable;

namespace DagSynth.Inference;

/// <summary>
/// A query as written, <c>P(T1, T2 | A=a, do(X=x))</c>, parsed but not yet checked against a model;
/// see <see cref="QueryParser"/>.
/// </summary>
/// <param name="Text">The query text.</param>
/// <param name="Targets">The variables asked about, with levels when the query asks for the probability of an event.</param>
/// <param name="Evidence">The observations after <c>|</c>.</param>
/// <param name="Interventions">The interventions after <c>|</c>, written <c>do(X=x)</c>.</param>
public sealed record ParsedQuery(string Text, ImmutableArray<QueryTerm> Targets, ImmutableArray<QueryTerm> Evidence, ImmutableArray<QueryTerm> Interventions);
