using System.Globalization;
using DagSynth.Expressions;

namespace DagSynth.Models;

/// <summary>A parameter out of its domain: which one, and why.</summary>
/// <param name="Parameter">The parameter's name as written.</param>
/// <param name="Message">What is wrong, with the value.</param>
public readonly record struct DomainProblem(string Parameter, string Message);

/// <summary>
/// The domain of each distribution's parameters (sd &gt;= 0, shape &gt; 0, 0 &lt;= prob &lt;= 1...): checked
/// once per row at generation, proven at validation where possible, and used to bound a variable's
/// values.
/// </summary>
public static class ParameterDomain
{
    private enum Rule
    {
        Finite,
        NonNegative,
        Positive,
        Probability,
        OpenUnit,
        WholeNonNegative,
    }

    /// <summary>The first problem with one row's parameter values, or null when they are valid.</summary>
    /// <param name="family">The distribution.</param>
    /// <param name="set">The parameter names, comma-separated, as in <see cref="DistributionConditional.ParameterSet"/>.</param>
    /// <param name="values">The values, in the same order.</param>
    public static DomainProblem? Check(NodeType family, string set, ReadOnlySpan<double> values) =>
        Compile(family, set).Check(values);

    /// <summary>A checker for one parameter set, allocation-free when the values are valid (for the sampler).</summary>
    public static DomainValidator Compile(NodeType family, string set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var names = set.Split(',');
        return new DomainValidator(family, set, names, [.. names.Select(n => (int)RuleOf(family, n))]);
    }

    /// <summary>Checks parameter values against the domains of one parameter set.</summary>
    public sealed class DomainValidator
    {
        private readonly NodeType _family;
        private readonly string _set;
        private readonly string[] _names;
        private readonly int[] _rules;

        internal DomainValidator(NodeType family, string set, string[] names, int[] rules)
        {
            _family = family;
            _set = set;
            _names = names;
            _rules = rules;
        }

        /// <summary>The first problem with the values, or null when they are valid.</summary>
        public DomainProblem? Check(ReadOnlySpan<double> values)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                var rule = (Rule)_rules[i];
                if (!Satisfies(rule, values[i]))
                {
                    return new DomainProblem(_names[i], $"{_names[i]} is {Format(values[i])}, but must be {Describe(rule)}");
                }
            }

            return CheckTogether(_family, _set, values);
        }
    }

    private static DomainProblem? CheckTogether(NodeType family, string set, ReadOnlySpan<double> values)
    {
        switch (family, set)
        {
            case (NodeType.Uniform, _) when values[0] > values[1]:
                return new DomainProblem("min", $"min ({Format(values[0])}) is above max ({Format(values[1])})");
            case (NodeType.TruncatedNormal, "mean,sd,min,max") when values[2] >= values[3]:
                return new DomainProblem("min", $"min ({Format(values[2])}) is not below max ({Format(values[3])})");
            case (NodeType.Beta, "mean,sd") when values[1] * values[1] >= values[0] * (1 - values[0]):
                return new DomainProblem("sd", $"sd ({Format(values[1])}) is too large for mean {Format(values[0])}: a beta needs sd^2 < mean (1 - mean)");
            default:
                return null;
        }
    }

    /// <summary>
    /// A problem that holds for every value within <paramref name="bounds"/> (so it is certain), or
    /// null when the parameters may be valid.
    /// </summary>
    public static DomainProblem? CheckAlways(NodeType family, string set, ReadOnlySpan<Interval> bounds)
    {
        var names = set.Split(',');
        for (var i = 0; i < names.Length; i++)
        {
            var rule = RuleOf(family, names[i]);
            var b = bounds[i];
            var never = rule switch
            {
                Rule.NonNegative or Rule.WholeNonNegative => b.Hi < 0,
                Rule.Positive => b.Hi <= 0,
                Rule.Probability => b.Hi < 0 || b.Lo > 1,
                Rule.OpenUnit => b.Hi <= 0 || b.Lo >= 1,
                _ => false,
            };
            if (never)
            {
                return new DomainProblem(names[i], $"{names[i]} lies in [{Format(b.Lo)}, {Format(b.Hi)}], but must be {Describe(rule)}");
            }
        }

        if (family == NodeType.Uniform && bounds[0].Lo > bounds[1].Hi)
        {
            return new DomainProblem("min", "min is above max");
        }

        return null;
    }

    /// <summary>Bounds on the values a distribution can produce, given bounds on its parameters.</summary>
    public static Interval Support(DistributionConditional conditional, Func<BoundExpr, Interval> boundsOf)
    {
        ArgumentNullException.ThrowIfNull(conditional);
        ArgumentNullException.ThrowIfNull(boundsOf);
        Interval P(string name) => boundsOf(conditional.Parameters.First(p => p.Name == name).Expression);
        return conditional.Family switch
        {
            NodeType.Uniform => new Interval(P("min").Lo, P("max").Hi),
            NodeType.TruncatedNormal => new Interval(
                conditional.Parameters.Any(p => p.Name == "min") ? P("min").Lo : double.NegativeInfinity,
                conditional.Parameters.Any(p => p.Name == "max") ? P("max").Hi : double.PositiveInfinity),
            NodeType.LogNormal or NodeType.Gamma or NodeType.Exponential or NodeType.Weibull => new Interval(0, double.PositiveInfinity),
            NodeType.Beta => new Interval(0, 1),
            NodeType.Poisson or NodeType.NegativeBinomial => new Interval(0, double.PositiveInfinity),
            NodeType.Binomial => new Interval(0, Math.Max(0, P("size").Hi)),
            _ => Interval.All,
        };
    }

    private static Rule RuleOf(NodeType family, string parameter) => (family, parameter) switch
    {
        (_, "sd" or "sdlog" or "cv") when family != NodeType.Gamma && family != NodeType.TruncatedNormal && family != NodeType.Beta => Rule.NonNegative,
        (NodeType.Gamma, "sd" or "cv") => Rule.Positive,
        (NodeType.TruncatedNormal, "sd") => Rule.Positive,
        (NodeType.Beta, "sd") => Rule.Positive,
        (NodeType.Beta, "mean") => Rule.OpenUnit,
        (NodeType.LogNormal or NodeType.Gamma or NodeType.Exponential, "mean") => Rule.Positive,
        (NodeType.Poisson or NodeType.NegativeBinomial, "mean") => Rule.NonNegative,
        (_, "shape" or "rate" or "scale" or "shape1" or "shape2" or "dispersion") => Rule.Positive,
        (NodeType.Binomial, "prob") => Rule.Probability,
        (NodeType.Binomial, "size") => Rule.WholeNonNegative,
        _ => Rule.Finite,
    };

    /// <summary>
    /// The open interval a free (<c>fit</c>) distribution parameter is kept in during calibration:
    /// (-inf, inf), (0, inf) or (0, 1); null for a whole-number parameter, which cannot be free.
    /// </summary>
    internal static (double Min, double Max)? FitDomain(NodeType family, string parameter) => RuleOf(family, parameter) switch
    {
        Rule.NonNegative or Rule.Positive => (0, double.PositiveInfinity),
        Rule.Probability or Rule.OpenUnit => (0, 1),
        Rule.WholeNonNegative => null,
        _ => (double.NegativeInfinity, double.PositiveInfinity),
    };

    private static bool Satisfies(Rule rule, double x) => double.IsFinite(x) && rule switch
    {
        Rule.NonNegative => x >= 0,
        Rule.Positive => x > 0,
        Rule.Probability => x is >= 0 and <= 1,
        Rule.OpenUnit => x is > 0 and < 1,
        Rule.WholeNonNegative => x >= 0 && x == Math.Floor(x),
        _ => true,
    };

    private static string Describe(Rule rule) => rule switch
    {
        Rule.NonNegative => "a finite number >= 0",
        Rule.Positive => "a finite number > 0",
        Rule.Probability => "a probability from 0 to 1",
        Rule.OpenUnit => "strictly between 0 and 1",
        Rule.WholeNonNegative => "a whole number >= 0",
        _ => "a finite number",
    };

    private static string Format(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
