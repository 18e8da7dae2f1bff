using DagSynth.Distributions;
using System.Collections.Immutable;
using System.Globalization;
using DagSynth.Diagnostics;
using DagSynth.Expressions;

namespace DagSynth.Models;

/// <summary>How the probability that a variable is missing is specified.</summary>
public enum MissingnessKind
{
    /// <summary>Missing completely at random: one rate for every row.</summary>
    Mcar,

    /// <summary>Missing at random: a logistic model of other variables' values.</summary>
    Mar,

    /// <summary>Missing not at random: a logistic model that reads the variable's own value.</summary>
    Mnar,
}

/// <summary>
/// A variable's missingness mechanism (<c>missing:</c> in the model file). Missingness is applied
/// after every variable and rule has been computed on complete values: it hides cells, it never
/// changes them, and a model reads the complete values of the variables it names.
/// </summary>
/// <param name="Kind">MCAR, MAR or MNAR.</param>
/// <param name="Rate">The probability of being missing under MCAR (NaN otherwise).</param>
/// <param name="Predictor">The log-odds of being missing under MAR and MNAR (null under MCAR).</param>
/// <param name="Location">Where <c>missing:</c> is written.</param>
public sealed record Missingness(MissingnessKind Kind, double Rate, LinearPredictor? Predictor, SourceSpan Location)
{
    /// <summary>The variables the mechanism reads (their complete values), ascending.</summary>
    public ImmutableArray<int> Inputs => Predictor is null
        ? []
        : [.. Predictor.Terms.SelectMany(t => t.Expression.Variables()).Distinct().Order()];

    /// <summary>A one-line description: <c>MCAR, rate 0.05</c>, or the logistic model with odds ratios.</summary>
    public string Describe()
    {
        if (Predictor is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"MCAR, P(missing) = {Rate:0.######}");
        }

        var baseline = Functions.Expit(Predictor.Intercept);
        var terms = Predictor.Terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"OR {PortableMath.Exp(t.Coefficient):0.####} per {t.Label}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToUpperInvariant()}, logistic: P(missing) = {baseline:0.######} when every term is 0")
            + (Predictor.Terms.IsEmpty ? string.Empty : "; " + string.Join("; ", terms));
    }
}
