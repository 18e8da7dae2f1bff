using DagSynth.Expressions;

namespace DagSynth.Designs;

/// <summary>
/// A condition on generated rows written in the model's expression language, such as
/// <c>sbp &gt;= 140</c> or <c>age &lt; 50 and smoker</c>: a boolean expression over any variables.
/// </summary>
/// <param name="Text">The condition as written.</param>
/// <param name="Expression">The condition, bound to the model's variables (its type is boolean).</param>
public sealed record EvidencePredicate(string Text, BoundExpr Expression);
