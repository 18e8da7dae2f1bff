using DagSynth.Distributions;
using System.Collections.Immutable;
using DagSynth.Expressions;

namespace DagSynth.Models;

/// <summary>A boolean whose log-odds of <c>true</c> are a <see cref="LinearPredictor"/>.</summary>
public sealed class LogisticConditional(LinearPredictor predictor) : Conditional
{
    /// <summary>The log-odds of <c>true</c>.</summary>
    public LinearPredictor Predictor { get; } = predictor;

    /// <summary>P(true) for one row.</summary>
    public double ProbabilityOfTrue(Func<int, double> valueOf) => Functions.Expit(Predictor.Evaluate(valueOf));
}

/// <summary>
/// Baseline-category logit: the first level is the reference; each other level k has log-odds
/// against it given by <see cref="Predictors"/>[k] (entry 0 is null).
/// </summary>
public sealed class MultinomialConditional(ImmutableArray<LinearPredictor?> predictors) : Conditional
{
    /// <summary>One predictor per level; null for the reference level.</summary>
    public ImmutableArray<LinearPredictor?> Predictors { get; } = predictors;

    /// <summary>The distribution over the levels for one row.</summary>
    public void Probabilities(Func<int, double> valueOf, Span<double> output)
    {
        var max = 0.0;
        for (var k = 1; k < Predictors.Length; k++)
        {
            output[k] = Predictors[k]!.Evaluate(valueOf);
            max = Math.Max(max, output[k]);
        }

        output[0] = 0;
        var sum = 0.0;
        for (var k = 0; k < Predictors.Length; k++)
        {
            output[k] = PortableMath.Exp(output[k] - max);
            sum += output[k];
        }

        for (var k = 0; k < Predictors.Length; k++)
        {
            output[k] /= sum;
        }
    }
}

/// <summary>
/// Cumulative logit with proportional odds: P(Y &lt;= j) = expit(threshold_j - eta), so an odds
/// ratio above 1 moves mass to higher levels.
/// </summary>
public sealed class CumulativeLogitConditional(ImmutableArray<double> thresholds, ImmutableArray<LinearTerm> terms) : Conditional
{
    /// <summary>The increasing thresholds, one fewer than the levels.</summary>
    public ImmutableArray<double> Thresholds { get; } = thresholds;

    /// <summary>The terms of eta (no intercept: the thresholds carry it).</summary>
    public ImmutableArray<LinearTerm> Terms { get; } = terms;

    /// <summary>The distribution over the levels for one row.</summary>
    public void Probabilities(Func<int, double> valueOf, Span<double> output)
    {
        var eta = new LinearPredictor(0, Terms).Evaluate(valueOf);
        var previous = 0.0;
        for (var j = 0; j < Thresholds.Length; j++)
        {
            var cumulative = Functions.Expit(Thresholds[j] - eta);
            output[j] = cumulative - previous;
            previous = cumulative;
        }

        output[Thresholds.Length] = 1 - previous;
    }
}

/// <summary>One cause of a noisy-OR node.</summary>
/// <param name="Condition">When the cause is present.</param>
/// <param name="Probability">P(effect) when this cause alone is present (and no leak).</param>
/// <param name="Label">The cause as written.</param>
public sealed record NoisyOrCause(BoundExpr Condition, double Probability, string Label);

/// <summary>P(true) = 1 - (1 - leak) * product over present causes of (1 - p_cause).</summary>
public sealed class NoisyOrConditional(double leak, ImmutableArray<NoisyOrCause> causes) : Conditional
{
    /// <summary>P(true) when no cause is present.</summary>
    public double Leak { get; } = leak;

    /// <summary>The causes.</summary>
    public ImmutableArray<NoisyOrCause> Causes { get; } = causes;

    /// <summary>P(true) for one row.</summary>
    public double ProbabilityOfTrue(Func<int, double> valueOf)
    {
        var none = 1 - Leak;
        foreach (var cause in Causes)
        {
            if (ScalarEvaluator.Evaluate(cause.Condition, valueOf) != 0)
            {
                none *= 1 - cause.Probability;
            }
        }

        return 1 - none;
    }
}

/// <summary>A named distribution parameter as an expression of the parents.</summary>
/// <param name="Name">The parameter's name as written (<c>mean</c>, <c>sd</c>, <c>shape</c>...).</param>
/// <param name="Expression">Its value.</param>
/// <param name="Text">The expression as written.</param>
public sealed record DistributionParameter(string Name, BoundExpr Expression, string Text);

/// <summary>
/// A continuous or count variable drawn from a named distribution whose parameters are expressions
/// of the parents, then clipped and rounded as declared.
/// </summary>
public sealed class DistributionConditional(
    NodeType family,
    ImmutableArray<DistributionParameter> parameters,
    double clipLow,
    double clipHigh,
    int? round) : Conditional
{
    /// <summary>The distribution (a node type for which <see cref="NodeVocabulary.IsDistribution"/> holds).</summary>
    public NodeType Family { get; } = family;

    /// <summary>The parameters, in the order of the parameter set used.</summary>
    public ImmutableArray<DistributionParameter> Parameters { get; } = parameters;

    /// <summary>The lower clip bound (negative infinity when none).</summary>
    public double ClipLow { get; } = clipLow;

    /// <summary>The upper clip bound (positive infinity when none).</summary>
    public double ClipHigh { get; } = clipHigh;

    /// <summary>Decimal digits to round to, if declared.</summary>
    public int? Round { get; } = round;

    /// <summary>The names of the parameter set used, e.g. <c>mean,sd</c>.</summary>
    public string ParameterSet => string.Join(",", Parameters.Select(p => p.Name));
}

/// <summary>A deterministic formula of the parents: a number, a boolean, or levels from <c>cut</c>.</summary>
public sealed class DeriveConditional(BoundExpr formula, string text, int? round) : Conditional
{
    /// <summary>The formula.</summary>
    public BoundExpr Formula { get; } = formula;

    /// <summary>The formula as written.</summary>
    public string Text { get; } = text;

    /// <summary>Decimal digits to round a numeric result to, if declared.</summary>
    public int? Round { get; } = round;
}

/// <summary>A date: uniform over the whole days from <see cref="Min"/> to <see cref="Max"/>, or a formula.</summary>
public sealed class DateConditional(BoundExpr? min, BoundExpr? max, BoundExpr? formula) : Conditional
{
    /// <summary>The first possible day (days since 1970-01-01), for a uniform date.</summary>
    public BoundExpr? Min { get; } = min;

    /// <summary>The last possible day, for a uniform date.</summary>
    public BoundExpr? Max { get; } = max;

    /// <summary>The formula, for a computed date.</summary>
    public BoundExpr? Formula { get; } = formula;
}

/// <summary>How identifiers are assigned to rows.</summary>
public enum IdentifierOrder
{
    /// <summary>Row 1 gets number 1, row 2 number 2, ...</summary>
    Sequential,

    /// <summary>A keyed permutation of the numbers: unique, but not in row order.</summary>
    Shuffled,
}

/// <summary>Unique identifiers from a pattern such as <c>P######</c> (each <c>#</c> a digit).</summary>
public sealed class IdentifierConditional(string prefix, int digits, string suffix, IdentifierOrder order) : Conditional
{
    /// <summary>Text before the digits.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The number of digits.</summary>
    public int Digits { get; } = digits;

    /// <summary>Text after the digits.</summary>
    public string Suffix { get; } = suffix;

    /// <summary>Sequential or shuffled.</summary>
    public IdentifierOrder Order { get; } = order;

    /// <summary>The .NET format of the number part: as many zeros as digits.</summary>
    public string NumberFormat { get; } = new string('0', digits);

    /// <summary>How many distinct identifiers the pattern can make.</summary>
    public long Capacity => (long)PortableMath.Pow(10, Digits) - 1;
}

/// <summary>Fake text (a name, an address...), consistent with a sex variable when one is named.</summary>
public sealed class FakeConditional(string field, string locale, int? sexVariable, ImmutableArray<FakeSex> sexOfLevel) : Conditional
{
    /// <summary>The field (one of <see cref="NodeVocabulary.FakeFields"/>).</summary>
    public string Field { get; } = field;

    /// <summary>The locale, such as <c>en_US</c>.</summary>
    public string Locale { get; } = locale;

    /// <summary>The variable whose level says the person's sex, if any.</summary>
    public int? SexVariable { get; } = sexVariable;

    /// <summary>For each level of the sex variable, the sex it means.</summary>
    public ImmutableArray<FakeSex> SexOfLevel { get; } = sexOfLevel;
}

/// <summary>The sex a fake name is chosen for.</summary>
public enum FakeSex
{
    /// <summary>Either.</summary>
    Unspecified,

    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,
}
