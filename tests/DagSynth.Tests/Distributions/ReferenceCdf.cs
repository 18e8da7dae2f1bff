using MathNet.Numerics.Distributions;
using MathNetFunctions = MathNet.Numerics.SpecialFunctions;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// Math.NET's gamma and beta distribution functions, completed where they return 0 for tiny
/// arguments with tiny shapes (below about 1e-15): there the leading terms of their power series,
/// P(a, x) = x^a / Gamma(a + 1) (1 - a x / (a + 1) + ...) and
/// I_x(a, b) = x^a / (a B(a, b)) (1 + a (1 - b) x / (a + 1) + ...), are exact to double precision.
/// </summary>
internal static class ReferenceCdf
{
    private const double SeriesBelow = 1e-10;

    /// <summary>P(X &lt;= x) for X ~ Gamma(shape, rate 1).</summary>
    public static double Gamma(double shape, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        return x < SeriesBelow ? GammaOfLog(shape, Math.Log(x)) : MathNetFunctions.GammaLowerRegularized(shape, x);
    }

    /// <summary>P(ln X &lt;= y) for X ~ Gamma(shape, rate 1), also where e^y underflows.</summary>
    public static double GammaOfLog(double shape, double y)
    {
        if (y >= Math.Log(SeriesBelow))
        {
            return MathNetFunctions.GammaLowerRegularized(shape, Math.Exp(y));
        }

        var leading = Math.Exp((shape * y) - MathNetFunctions.GammaLn(shape + 1));
        return leading * (1 - (shape * Math.Exp(y) / (shape + 1)));
    }

    /// <summary>P(X &lt;= x) for X ~ Beta(a, b).</summary>
    public static double Beta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        if (x < SeriesBelow)
        {
            return Leading(a, b, x);
        }

        if (1 - x < SeriesBelow)
        {
            return 1 - Leading(b, a, 1 - x);
        }

        return MathNet.Numerics.Distributions.Beta.CDF(a, b, x);

        static double Leading(double a, double b, double x) =>
            Math.Exp((a * Math.Log(x)) - Math.Log(a) - MathNetFunctions.BetaLn(a, b)) * (1 + (a * (1 - b) * x / (a + 1)));
    }
}
