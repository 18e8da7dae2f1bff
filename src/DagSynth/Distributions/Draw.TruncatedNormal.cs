using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>The truncated normal, by inversion of its distribution function computed where the mass is.</summary>
public static partial class Draw
{
    /// <summary>Above this standardized lower bound the tail is inverted by Newton's method on ln Q.</summary>
    private const double FarTail = 30.0;

    /// <summary>
    /// A normal N(mean, sd^2) conditioned on [lo, hi], by inversion of its distribution function. One
    /// word. The inversion works on the side of the mean where the interval lies, with upper-tail
    /// probabilities for an interval right of the mean (and by symmetry left of it), so that intervals
    /// far in a tail (N(0,1) on [8, 9], or on [40, 41] where Q underflows) are drawn correctly.
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="mean">The mean of the untruncated normal, finite.</param>
    /// <param name="sd">Its standard deviation, finite and &gt; 0.</param>
    /// <param name="lo">The lower bound, or -infinity.</param>
    /// <param name="hi">The upper bound, or +infinity, &gt; lo.</param>
    /// <returns>A value in [lo, hi], never NaN or infinite.</returns>
    public static double TruncatedNormal(ref CellDraws draws, double mean, double sd, double lo, double hi) =>
        TruncatedNormalAt(draws.NextBits(), mean, sd, lo, hi);

    internal static double TruncatedNormalAt(ulong bits, double mean, double sd, double lo, double hi)
    {
        var a = (lo - mean) / sd;
        var b = (hi - mean) / sd;
        var t = Uniforms.Centered(bits);
        double z;
        if (a >= 0.0)
        {
            z = StandardRightTail(a, b, t);
        }
        else if (b <= 0.0)
        {
            // Mirror: X on [a, b] is -Y for Y on [-b, -a], and u becomes 1 - u (t becomes -t).
            z = -StandardRightTail(-b, -a, -t);
        }
        else
        {
            z = StandardStraddling(a, b, t);
        }

        var x = Saturate(mean + (sd * z));
        if (double.IsNaN(x))
        {
            x = mean;
        }

        return x < lo ? lo : x > hi ? hi : x;
    }

    /// <summary>Inverts N(0, 1) on [a, b] with 0 &lt;= a &lt; b by its upper tail Q.</summary>
    private static double StandardRightTail(double a, double b, long t)
    {
        var tail = Uniforms.Tail(t); // u when t < 0, 1 - u when t > 0; exact
        if (a <= FarTail)
        {
            var qa = SpecialFunctions.NormalCdf(-a);
            var qb = SpecialFunctions.NormalCdf(-b);
            // Q(z) = Q(a) - u (Q(a) - Q(b)), computed from whichever of u, 1 - u is exact.
            var target = t < 0 ? qa - (tail * (qa - qb)) : qb + (tail * (qa - qb));
            return -SpecialFunctions.NormalQuantile(target - 0.5, target);
        }

        // Far tail: Q(a) may underflow. Solve ln Q(a + d) - ln Q(a) = ln s for d >= 0, where
        // s = 1 - u (1 - Q(b)/Q(a)), through Mills' ratio R = Q / phi:
        //   g(d) = d (a + d/2) - ln(R(a + d) / R(a)) = -ln s =: L,   g'(d) = 1 / R(a + d).
        // g is increasing and convex (log-concavity of Q), and the start below lies right of the root,
        // so Newton's iterates decrease monotonically to it.
        var ra = SpecialFunctions.MillsRatio(a);
        var ratio = double.IsPositiveInfinity(b)
            ? 0.0
            : PortableMath.Exp(-0.5 * (b - a) * (b + a)) * SpecialFunctions.MillsRatio(b) / ra;
        var minusLogS = t < 0
            ? -PortableMath.Log1P(-tail * (1.0 - ratio))
            : -PortableMath.Log(tail + ((1.0 - tail) * ratio));
        var scale = a > 1.0 ? a * (1.0 + Math.Sqrt(1.0 + (2.0 * minusLogS / (a * a)))) : a + Math.Sqrt((a * a) + (2.0 * minusLogS));
        var d = 2.0 * minusLogS / scale; // the root of d (a + d/2) = L, ignoring R
        for (var i = 0; i < MaxAttempts; i++)
        {
            var x = a + d;
            var rx = SpecialFunctions.MillsRatio(x);
            var g = (d * (a + (0.5 * d))) - PortableMath.Log(rx / ra);
            var step = (g - minusLogS) * rx;
            d -= step;
            if (!(Math.Abs(step) > 4e-16 * x))
            {
                break;
            }
        }

        return a + Math.Max(d, 0.0);
    }

    /// <summary>Inverts N(0, 1) on [a, b] with a &lt; 0 &lt; b from the nearer end of its distribution function.</summary>
    private static double StandardStraddling(double a, double b, long t)
    {
        var pa = SpecialFunctions.NormalCdf(a);  // P(Z < a) <= 1/2
        var qb = SpecialFunctions.NormalCdf(-b); // P(Z > b) <= 1/2
        var mass = (0.5 - pa) + (0.5 - qb);
        var tail = Uniforms.Tail(t);
        var u = t < 0 ? tail : 1.0 - tail;
        var below = pa + (u * mass);
        if (below <= 0.5)
        {
            return SpecialFunctions.NormalQuantile(below - 0.5, below);
        }

        var above = qb + ((t > 0 ? tail : 1.0 - tail) * mass);
        return -SpecialFunctions.NormalQuantile(above - 0.5, above);
    }
}
