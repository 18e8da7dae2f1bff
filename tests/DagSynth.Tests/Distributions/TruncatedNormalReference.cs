using MathNet.Numerics.Distributions;

namespace DagSynth.Tests.Distributions;

/// <summary>
/// An independent distribution function of the truncated normal for the tests, accurate where the
/// interval lies far in a tail: for an interval right of the mean, F(x) = (1 - r(x)) / (1 - r(b)) with
/// r(x) = Q(x) / Q(a) = exp(-(x - a)(x + a) / 2) R(x) / R(a), where R is Mills' ratio, computed from
/// Math.NET below 3 and by Laplace's continued fraction R(x) = 1/(x+ 1/(x+ 2/(x+ 3/(x+ ...)))) above.
/// </summary>
internal static class TruncatedNormalReference
{
    public static double Cdf(double mean, double sd, double lo, double hi, double x)
    {
        var a = (lo - mean) / sd;
        var b = (hi - mean) / sd;
        var z = (x - mean) / sd;
        if (z <= a)
        {
            return 0;
        }

        if (z >= b)
        {
            return 1;
        }

        if (a >= 0)
        {
            return RightCdf(a, b, z);
        }

        if (b <= 0)
        {
            return 1 - RightCdf(-b, -a, -z);
        }

        var pa = Normal.CDF(0, 1, a);
        return (Normal.CDF(0, 1, z) - pa) / (Normal.CDF(0, 1, b) - pa);
    }

    private static double RightCdf(double a, double b, double z)
    {
        var ra = MillsRatio(a);
        double TailRatio(double x) => Math.Exp(-0.5 * (x - a) * (x + a)) * MillsRatio(x) / ra;
        var rb = double.IsPositiveInfinity(b) ? 0 : TailRatio(b);
        return (1 - TailRatio(z)) / (1 - rb);
    }

    private static double MillsRatio(double x)
    {
        if (x < 3)
        {
            return Normal.CDF(0, 1, -x) / Normal.PDF(0, 1, x);
        }

        var t = x;
        for (var k = x < 6 ? 300 : 60; k >= 1; k--)
        {
            t = x + (k / t);
        }

        return 1 / t;
    }
}
