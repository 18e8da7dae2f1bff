using DagSynth.Distributions;
using System.Collections.Immutable;

namespace DagSynth.Expressions;

/// <summary>The numeric functions of the expression language; nothing outside this list can be called.</summary>
public enum BuiltinFunction
{
    /// <summary>Natural logarithm.</summary>
    Log,

    /// <summary>Exponential.</summary>
    Exp,

    /// <summary>Square root.</summary>
    Sqrt,

    /// <summary>Absolute value.</summary>
    Abs,

    /// <summary>Smallest argument (two or more).</summary>
    Min,

    /// <summary>Largest argument (two or more).</summary>
    Max,

    /// <summary><c>clamp(x, lo, hi)</c>.</summary>
    Clamp,

    /// <summary><c>log(p / (1 - p))</c>.</summary>
    Logit,

    /// <summary><c>1 / (1 + exp(-x))</c>.</summary>
    Expit,

    /// <summary><c>round(x)</c> or <c>round(x, digits)</c>, half to even.</summary>
    Round,

    /// <summary>Largest integer not above x.</summary>
    Floor,

    /// <summary>Smallest integer not below x.</summary>
    Ceil,

    /// <summary><c>years(x)</c>: x years as days (365.2425 days a year), for date arithmetic.</summary>
    Years,

    /// <summary><c>days(x)</c>: x days (the identity; reads well in date arithmetic).</summary>
    Days,
}

/// <summary>The function catalogue: names, arities and the scalar implementations shared by every evaluator.</summary>
public static class Functions
{
    /// <summary>Days in a mean Gregorian year.</summary>
    public const double DaysPerYear = 365.2425;

    /// <summary>Function names as written, with their arities (min, max; max -1 = any).</summary>
    public static readonly ImmutableDictionary<string, (BuiltinFunction Function, int Min, int Max)> ByName =
        new Dictionary<string, (BuiltinFunction, int, int)>
        {
            ["log"] = (BuiltinFunction.Log, 1, 1),
            ["exp"] = (BuiltinFunction.Exp, 1, 1),
            ["sqrt"] = (BuiltinFunction.Sqrt, 1, 1),
            ["abs"] = (BuiltinFunction.Abs, 1, 1),
            ["min"] = (BuiltinFunction.Min, 2, -1),
            ["max"] = (BuiltinFunction.Max, 2, -1),
            ["clamp"] = (BuiltinFunction.Clamp, 3, 3),
            ["logit"] = (BuiltinFunction.Logit, 1, 1),
            ["expit"] = (BuiltinFunction.Expit, 1, 1),
            ["round"] = (BuiltinFunction.Round, 1, 2),
            ["floor"] = (BuiltinFunction.Floor, 1, 1),
            ["ceil"] = (BuiltinFunction.Ceil, 1, 1),
            ["years"] = (BuiltinFunction.Years, 1, 1),
            ["days"] = (BuiltinFunction.Days, 1, 1),
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The special forms, bound separately: <c>if</c>, <c>cut</c>, <c>date</c>.</summary>
    public static readonly ImmutableArray<string> SpecialForms = ["if", "cut", "date"];

    /// <summary>Applies a one-argument function.</summary>
    public static double Apply(BuiltinFunction f, double x) => f switch
    {
        BuiltinFunction.Log => PortableMath.Log(x),
        BuiltinFunction.Exp => PortableMath.Exp(x),
        BuiltinFunction.Sqrt => Math.Sqrt(x),
        BuiltinFunction.Abs => Math.Abs(x),
        BuiltinFunction.Logit => PortableMath.Log(x / (1 - x)),
        BuiltinFunction.Expit => Expit(x),
        BuiltinFunction.Round => Math.Round(x, MidpointRounding.ToEven),
        BuiltinFunction.Floor => Math.Floor(x),
        BuiltinFunction.Ceil => Math.Ceiling(x),
        BuiltinFunction.Years => x * DaysPerYear,
        BuiltinFunction.Days => x,
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "not a one-argument function"),
    };

    /// <summary>The logistic function, computed without overflow for large |x|.</summary>
    public static double Expit(double x) => x >= 0 ? 1 / (1 + PortableMath.Exp(-x)) : PortableMath.Exp(x) / (1 + PortableMath.Exp(x));

    /// <summary>round(x, digits), half to even; digits may be negative (round to tens, hundreds).</summary>
    public static double RoundTo(double x, double digits)
    {
        var d = (int)Math.Round(digits);
        if (d is >= 0 and <= 15)
        {
            return Math.Round(x, d, MidpointRounding.ToEven);
        }

        var scale = PortableMath.Pow(10, d);
        return Math.Round(x * scale, MidpointRounding.ToEven) / scale;
    }
}
