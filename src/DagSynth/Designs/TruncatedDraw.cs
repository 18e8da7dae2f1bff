using DagSynth.Distributions;
using DagSynth.Expressions;
using DagSynth.Models;

namespace DagSynth.Designs;

/// <summary>
/// Exact draws from a root's distribution restricted to an interval, by inversion: one uniform u
/// becomes F^-1(F(a) + u (F(b) - F(a))). Uniform, normal, log-normal, truncated normal, exponential
/// and Weibull roots have closed-form or accurately invertible distribution functions; the tail the
/// interval lies in is worked in its own scale (upper-tail probabilities above the median), so a far
/// tail such as mean + 9 sd keeps its precision. Other families are not truncated (the caller falls
/// back to bounded rejection).
/// </summary>
internal sealed class TruncatedDraw
{
    private readonly Shape _shape;
    private readonly double _location;
    private readonly double _scale;
    private readonly double _low;
    private readonly double _high;
    private readonly double _start;
    private readonly double _mass;
    private readonly Region _region;

    private TruncatedDraw(Shape shape, double location, double scale, double low, double high, double start, double mass, Region region)
    {
        _shape = shape;
        _location = location;
        _scale = scale;
        _low = low;
        _high = high;
        _start = start;
        _mass = mass;
        _region = region;
    }

    /// <summary>How the standardised variable is drawn.</summary>
    private enum Shape
    {
        /// <summary>x = location + scale * u over [low, high].</summary>
        Uniform,

        /// <summary>x = location + scale * z, z standard normal.</summary>
        Normal,

        /// <summary>x = exp(location + scale * z).</summary>
        LogNormal,

        /// <summary>x = scale * t, t standard exponential (scale = 1 / rate).</summary>
        Exponential,

        /// <summary>x = scale * t^(1/location), t standard exponential (location = Weibull shape).</summary>
        Weibull,
    }

    /// <summary>Which tail probability the interval is worked in.</summary>
    private enum Region
    {
        Lower,
        Upper,
    }

    /// <summary>The probability of the interval under the untruncated distribution.</summary>
    public double Probability => _mass;

    /// <summary>
    /// The truncation of root <paramref name="conditional"/> to [<paramref name="low"/>, <paramref name="high"/>],
    /// or null when its family is not one that can be inverted here, or its parameters are not constants.
    /// </summary>
    public static TruncatedDraw? Create(DistributionConditional conditional, double low, double high)
    {
        var values = new double[conditional.Parameters.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var expression = conditional.Parameters[i].Expression;
            if (!expression.Variables().IsEmpty)
            {
                return null;
            }

            values[i] = ScalarEvaluator.Evaluate(expression, _ => double.NaN);
            if (!double.IsFinite(values[i]))
            {
                return null;
            }
        }

        switch (conditional.Family, conditional.ParameterSet)
        {
            case (NodeType.Uniform, _):
                {
                    var (min, max) = (values[0], values[1]);
                    if (!(max > min))
                    {
                        return null;
                    }

                    var lo = Math.Max(low, min);
                    var hi = Math.Min(high, max);
                    var mass = hi >= lo ? (hi - lo) / (max - min) : 0;
                    return new TruncatedDraw(Shape.Uniform, lo, Math.Max(0, hi - lo), lo, hi, 0, mass, Region.Lower);
                }

            case (NodeType.Normal, _):
                return Normal(Shape.Normal, values[0], values[1], low, high);
            case (NodeType.TruncatedNormal, var set):
                {
                    var min = set.Contains("min", StringComparison.Ordinal) ? values[2] : double.NegativeInfinity;
                    var max = set.EndsWith("max", StringComparison.Ordinal) ? values[^1] : double.PositiveInfinity;
                    var whole = Normal(Shape.Normal, values[0], values[1], min, max);
                    var part = Normal(Shape.Normal, values[0], values[1], Math.Max(low, min), Math.Min(high, max));
                    if (whole is null || part is null || whole._mass <= 0)
                    {
                        return null;
                    }

                    return new TruncatedDraw(part._shape, part._location, part._scale, part._low, part._high, part._start, part._mass, part._region)
                    {
                        WholeMass = whole._mass,
                    };
                }

            case (NodeType.LogNormal, var set):
                {
                    var (meanlog, sdlog) = set switch
                    {
                        "meanlog,sdlog" => (values[0], values[1]),
                        "mean,sd" => LogNormalFrom(values[0], values[1] / values[0]),
                        _ => LogNormalFrom(values[0], values[1]),
                    };
                    return Normal(Shape.LogNormal, meanlog, sdlog, low <= 0 ? double.NegativeInfinity : PortableMath.Log(low), high <= 0 ? double.NegativeInfinity : PortableMath.Log(high));
                }

            case (NodeType.Exponential, var set):
                {
                    var rate = set == "rate" ? values[0] : 1 / values[0];
                    return rate > 0 && double.IsFinite(rate) ? Exponential(Shape.Exponential, 1, 1 / rate, Math.Max(0, low) * rate, Math.Max(0, high) * rate) : null;
                }

            case (NodeType.Weibull, _):
                {
                    var (shape, scale) = (values[0], values[1]);
                    if (!(shape > 0 && scale > 0))
                    {
                        return null;
                    }

                    double T(double x) => x <= 0 ? 0 : PortableMath.Pow(x / scale, shape);
                    return Exponential(Shape.Weibull, shape, scale, T(low), T(high));
                }

            default:
                return null;
        }
    }

    /// <summary>For a truncated-normal root, the mass of its own support (the interval's probability is relative to it).</summary>
    private double WholeMass { get; init; } = 1;

    /// <summary>The probability of the interval under the root's distribution.</summary>
    public double RelativeProbability => _mass / WholeMass;

    /// <summary>The value for uniform <paramref name="u"/> in [0, 1): monotone in u, within the interval.</summary>
    public double Sample(double u)
    {
        double x;
        switch (_shape)
        {
            case Shape.Uniform:
                x = _location + (u * _scale);
                break;
            case Shape.Normal or Shape.LogNormal:
                {
                    double z;
                    if (_region == Region.Upper)
                    {
                        var q = _start - (u * _mass);
                        z = q > 0 ? NormalTail.UpperQuantile(q) : double.PositiveInfinity;
                    }
                    else
                    {
                        var p = _start + (u * _mass);
                        z = p <= 0 ? double.NegativeInfinity : p < 0.5 ? NormalTail.LowerQuantile(p) : NormalTail.UpperQuantile(1 - p);
                    }

                    var y = _location + (_scale * z);
                    y = Math.Clamp(y, _low, _high);
                    return _shape == Shape.LogNormal ? Math.Clamp(PortableMath.Exp(y), PortableMath.Exp(_low), PortableMath.Exp(_high)) : y;
                }

            default:
                {
                    // t standard exponential restricted to [low, high]; in the upper region by survival
                    // probabilities, in the lower by distribution-function values.
                    double t;
                    if (_region == Region.Upper)
                    {
                        var s = _start - (u * _mass);
                        t = s > 0 ? -PortableMath.Log(s) : double.PositiveInfinity;
                    }
                    else
                    {
                        var p = _start + (u * _mass);
                        t = -Log1P(-p);
                    }

                    t = Math.Clamp(t, _low, _high);
                    x = _shape == Shape.Exponential ? _scale * t : _scale * PortableMath.Pow(t, 1 / _location);
                    return x;
                }
        }

        return Math.Clamp(x, _low, _high);
    }

    private static TruncatedDraw? Normal(Shape shape, double mean, double sd, double low, double high)
    {
        if (!(sd > 0) || !double.IsFinite(mean))
        {
            return null;
        }

        var za = (low - mean) / sd;
        var zb = (high - mean) / sd;
        if (za >= 0)
        {
            var qa = NormalTail.Upper(za);
            var mass = zb >= za ? qa - NormalTail.Upper(zb) : 0;
            return new TruncatedDraw(shape, mean, sd, low, high, qa, Math.Max(0, mass), Region.Upper);
        }

        var pa = NormalTail.Lower(za);
        var pb = NormalTail.Lower(zb);
        return new TruncatedDraw(shape, mean, sd, low, high, pa, Math.Max(0, pb - pa), Region.Lower);
    }

    private static TruncatedDraw? Exponential(Shape shape, double location, double scale, double low, double high)
    {
        // low and high are on the standard exponential scale here.
        if (low >= PortableMath.Log(2))
        {
            var sa = PortableMath.Exp(-low);
            var mass = high >= low ? sa - PortableMath.Exp(-high) : 0;
            return new TruncatedDraw(shape, location, scale, low, high, sa, Math.Max(0, mass), Region.Upper);
        }

        var fa = -ExpM1(-low);
        var fb = -ExpM1(-high);
        return new TruncatedDraw(shape, location, scale, low, high, fa, Math.Max(0, fb - fa), Region.Lower);
    }

    private static (double MeanLog, double SdLog) LogNormalFrom(double mean, double cv)
    {
        var s2 = PortableMath.Log(1 + (cv * cv));
        return (PortableMath.Log(mean) - (s2 / 2), Math.Sqrt(s2));
    }

    /// <summary>log(1 + x), accurate for small x (Goldberg's correction).</summary>
    internal static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : PortableMath.Log(u) * x / (u - 1);
    }

    /// <summary>exp(x) - 1, accurate for small x (Kahan's correction).</summary>
    internal static double ExpM1(double x)
    {
        var u = PortableMath.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : double.IsInfinity(u) ? u : um1 * x / PortableMath.Log(u);
    }
}
