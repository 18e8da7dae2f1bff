using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>Gamma (Marsaglia and Tsang) and beta (a ratio of gammas).</summary>
public static partial class Draw
{
    /// <summary>
    /// A gamma with the given shape and rate (mean shape/rate, density proportional to
    /// x^(shape-1) e^(-rate x)), by G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
    /// variables", ACM TOMS 26 (2000) 363-372; for shape &lt; 1, G(shape + 1) U^(1/shape) (their
    /// section 6). Each attempt reads a normal and a uniform; the expected number of words is 2.0 to
    /// 2.1 (2.1 at shape 1, 2.0 for large shapes), plus one for shape &lt; 1. Fallback: the mean.
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="shape">The shape, finite and &gt; 0.</param>
    /// <param name="rate">The rate, finite and &gt; 0.</param>
    /// <returns>A value &gt;= 0 (0 only when the exact value underflows, which is common for shape below 0.01).</returns>
    public static double Gamma(ref CellDraws draws, double shape, double rate) => Saturate(StandardGamma(ref draws, shape) / rate);

    /// <summary>
    /// A beta with shapes a and b (density proportional to x^(a-1) (1-x)^(b-1)), as X / (X + Y) for
    /// independent gammas X ~ G(a) and Y ~ G(b), drawn in that order; computed from their logarithms
    /// when a shape is below 1, where the gammas themselves may underflow. Expected words: those of
    /// the two gammas, about 4.1 (6.1 when both shapes are below 1).
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="a">The first shape, finite and &gt; 0.</param>
    /// <param name="b">The second shape, finite and &gt; 0.</param>
    /// <returns>A value in [0, 1] (the ends only when the exact value rounds to them).</returns>
    public static double Beta(ref CellDraws draws, double a, double b)
    {
        if (a >= 1.0 && b >= 1.0)
        {
            var x = MarsagliaTsang(ref draws, a);
            var y = MarsagliaTsang(ref draws, b);
            return x / (x + y);
        }

        var logX = LogStandardGamma(ref draws, a);
        var logY = LogStandardGamma(ref draws, b);
        // X / (X + Y) = 1 / (1 + e^(ln Y - ln X)), written so that the exponential never overflows.
        var d = logY - logX;
        if (d > 0.0)
        {
            var e = PortableMath.Exp(-d);
            return e / (1.0 + e);
        }

        return 1.0 / (1.0 + PortableMath.Exp(d));
    }

    /// <summary>A gamma with rate 1.</summary>
    internal static double StandardGamma(ref CellDraws draws, double shape)
    {
        if (shape >= 1.0)
        {
            return MarsagliaTsang(ref draws, shape);
        }

        var g = MarsagliaTsang(ref draws, shape + 1.0);
        var u = Uniforms.Open(draws.NextBits());
        return g * PortableMath.Exp(PortableMath.Log(u) / shape);
    }

    /// <summary>The logarithm of a gamma with rate 1, from the same words as <see cref="StandardGamma"/>.</summary>
    internal static double LogStandardGamma(ref CellDraws draws, double shape)
    {
        if (shape >= 1.0)
        {
            return PortableMath.Log(MarsagliaTsang(ref draws, shape));
        }

        var g = MarsagliaTsang(ref draws, shape + 1.0);
        var u = Uniforms.Open(draws.NextBits());
        return PortableMath.Log(g) + (PortableMath.Log(u) / shape);
    }

    /// <summary>
    /// Marsaglia-Tsang for shape &gt;= 1: d = shape - 1/3, c = 1/sqrt(9d); with x normal and
    /// v = (1 + cx)^3 &gt; 0, accept d v when u &lt; 1 - 0.0331 x^4 (the squeeze) or
    /// ln u &lt; x^2/2 + d (1 - v + ln v).
    /// </summary>
    private static double MarsagliaTsang(ref CellDraws draws, double shape)
    {
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var x = StandardNormalAt(draws.NextBits());
            var cx = c * x;
            if (cx <= -1.0)
            {
                continue;
            }

            var w = 1.0 + cx;
            var v = w * w * w;
            var u = Uniforms.Open(draws.NextBits());
            var x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2))
            {
                return d * v;
            }

            // 1 - v + ln v = 3 (ln(1 + cx) - cx) - (cx)^2 (3 + cx), computed without cancellation:
            // for a large shape, d times it must stay accurate to O(1).
            var logDensityRatio = (0.5 * x2) + (d * ((3.0 * Log1PMinusX(cx)) - (cx * cx * (3.0 + cx))));
            if (PortableMath.Log(u) < logDensityRatio)
            {
                return d * v;
            }
        }

        return shape;
    }

    /// <summary>ln(1 + x) - x, with full relative precision for small x (series for |x| &lt; 1/8).</summary>
    private static double Log1PMinusX(double x)
    {
        if (Math.Abs(x) >= 0.125)
        {
            return PortableMath.Log1P(x) - x;
        }

        // -x^2/2 + x^3/3 - ... - x^20/20; the remainder is below 0.125^19 x^2 ~ 1e-17 x^2.
        var sum = 0.0;
        for (var k = 20; k >= 2; k--)
        {
            sum = ((k % 2 == 0 ? -1.0 : 1.0) / k) + (x * sum);
        }

        return sum * x * x;
    }
}
