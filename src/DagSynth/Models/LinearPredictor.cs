using System.Collections.Immutable;
using DagSynth.Expressions;

namespace DagSynth.Models;

/// <summary>One term of a linear predictor: a coefficient times an expression of the parents.</summary>
/// <param name="Expression">The term's value (a boolean counts 1 or 0).</param>
/// <param name="Coefficient">Its coefficient on the log-odds scale (log of the odds ratio).</param>
/// <param name="Label">The term as written, for reports (<c>smoker</c>, <c>sex=male</c>, <c>(age - 60) / 10</c>).</param>
public sealed record LinearTerm(BoundExpr Expression, double Coefficient, string Label);

/// <summary>An intercept plus terms: the log-odds of a logistic node, or of one outcome level.</summary>
/// <param name="Intercept">The log-odds when every term is 0.</param>
/// <param name="Terms">The terms.</param>
public sealed record LinearPredictor(double Intercept, ImmutableArray<LinearTerm> Terms)
{
    /// <summary>The predictor's value for one row.</summary>
    public double Evaluate(Func<int, double> valueOf)
    {
        var eta = Intercept;
        foreach (var term in Terms)
        {
            eta += term.Coefficient * ScalarEvaluator.Evaluate(term.Expression, valueOf);
        }

        return eta;
    }
}
