namespace DagSynth.Distributions;

/// <summary>
/// Elementary functions computed from IEEE-754 basic operations only (add, subtract, multiply,
/// divide, and bit manipulation), so that they return the same bits on every machine and runtime.
/// <see cref="Math.Exp(double)"/> and <see cref="Math.Log(double)"/> call the platform's C library,
/// whose results may differ in the last bit between Linux, Windows, macOS or processors; seeded
/// output would then differ by machine, which the determinism contract forbids
/// (docs/determinism.md). <see cref="Math.Sqrt(double)"/> is correctly rounded by IEEE-754 and
/// may be used freely.
/// </summary>
/// <remarks>
/// <see cref="Exp"/> and <see cref="Log"/> follow the algorithms of Sun's fdlibm 5.3 (e_exp.c,
/// e_log.c; argument reduction by a two-part ln 2 and a Remez polynomial of degree 10 and 14
/// respectively), which are accurate to less than one unit in the last place.
/// <see cref="Log1P"/> and <see cref="ExpM1"/> use the corrections of D. Goldberg, "What every
/// computer scientist should know about floating-point arithmetic" (1991), theorem 4, and of
/// W. Kahan, to a few units in the last place.
/// </remarks>
public static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01; // 0x3FE62E42 FEE00000: ln 2 to 32 bits
    private const double Ln2Lo = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76: ln 2 - Ln2Hi
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Two54 = 1.80143985094819840000e+16;
    private const double TwoM1000 = 9.33263618503218878990e-302; // 2^-1000
    private const double OverflowThreshold = 7.09782712893383973096e+02;
    private const double UnderflowThreshold = -7.45133219101941108420e+02;

    // exp: R(r^2) in exp(r) = 1 + 2r / (2 - R), |r| <= ln2 / 2 (fdlibm e_exp.c).
    private const double P1 = 1.66666666666666019037e-01;
    private const double P2 = -2.77777777770155933842e-03;
    private const double P3 = 6.61375632143793436117e-05;
    private const double P4 = -1.65339022054652515390e-06;
    private const double P5 = 4.13813679705723846039e-08;

    // log: R(s^2) in log(1 + f) = 2s + s R, s = f / (2 + f) (fdlibm e_log.c).
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>e raised to <paramref name="x"/>, to within one unit in the last place.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e^x; 0 below -745.13, +infinity above 709.78, NaN for NaN.</returns>
    public static double Exp(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var hx = (int)(bits >> 32);
        var negative = hx < 0;
        hx &= 0x7fffffff;

        if (hx >= 0x40862E42)
        {
            // |x| >= 709.78: NaN, infinities, overflow, underflow.
            if (hx >= 0x7ff00000)
            {
                if (((hx & 0xfffff) | (int)bits) != 0)
                {
                    return x + x;
                }

                return negative ? 0.0 : x;
            }

            if (x > OverflowThreshold)
            {
                return double.PositiveInfinity;
            }

            if (x < UnderflowThreshold)
            {
                return 0.0;
            }
        }

        double hi = 0, lo = 0;
        var k = 0;
        if (hx > 0x3fd62e42)
        {
            // |x| > ln2 / 2: x = k ln2 + r, with k ln2 exact in Ln2Hi.
            if (hx < 0x3FF0A2B2)
            {
                hi = negative ? x + Ln2Hi : x - Ln2Hi;
                lo = negative ? -Ln2Lo : Ln2Lo;
                k = negative ? -1 : 1;
            }
            else
            {
                k = (int)((InvLn2 * x) + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - (t * Ln2Hi);
                lo = t * Ln2Lo;
            }

            x = hi - lo;
        }
        else if (hx < 0x3e300000)
        {
            // |x| < 2^-28
            return 1.0 + x;
        }

        var xx = x * x;
        var c = x - (xx * (P1 + (xx * (P2 + (xx * (P3 + (xx * (P4 + (xx * P5)))))))));
        if (k == 0)
        {
            return 1.0 - (((x * c) / (c - 2.0)) - x);
        }

        var y = 1.0 - ((lo - ((x * c) / (2.0 - c))) - hi);
        return k >= -1021
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)k << 52))
            : BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(y) + ((long)(k + 1000) << 52)) * TwoM1000;
    }

    /// <summary>The natural logarithm of <paramref name="x"/>, to within one unit in the last place.</summary>
    /// <param name="x">A non-negative number.</param>
    /// <returns>ln x; -infinity at 0, NaN below 0 or for NaN, +infinity at +infinity.</returns>
    public static double Log(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var hx = (int)(bits >> 32);
        var k = 0;
        if (hx < 0x00100000)
        {
            // x < 2^-1022: zero, negative, or subnormal.
            if ((bits & 0x7fffffffffffffffL) == 0)
            {
                return double.NegativeInfinity;
            }

            if (hx < 0)
            {
                return double.NaN;
            }

            k -= 54;
            x *= Two54;
            bits = BitConverter.DoubleToInt64Bits(x);
            hx = (int)(bits >> 32);
        }

        if (hx >= 0x7ff00000)
        {
            return x + x;
        }

        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        var i = (hx + 0x95f64) & 0x100000;
        // Normalise x or x / 2 into [sqrt(2)/2, sqrt(2)).
        x = BitConverter.Int64BitsToDouble(((long)(hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xffffffffL));
        k += i >> 20;
        var f = x - 1.0;
        double dk = k;

        if ((0x000fffff & (2 + hx)) < 3)
        {
            // |f| < 2^-20
            if (f == 0.0)
            {
                return k == 0 ? 0.0 : (dk * Ln2Hi) + (dk * Ln2Lo);
            }

            var r0 = f * f * (0.5 - (0.33333333333333333 * f));
            return k == 0 ? f - r0 : (dk * Ln2Hi) - ((r0 - (dk * Ln2Lo)) - f);
        }

        var s = f / (2.0 + f);
        var z = s * s;
        var w = z * z;
        var j = (hx - 0x6147a) | (0x6b851 - hx);
        var t1 = w * (Lg2 + (w * (Lg4 + (w * Lg6))));
        var t2 = z * (Lg1 + (w * (Lg3 + (w * (Lg5 + (w * Lg7))))));
        var r = t2 + t1;
        if (j > 0)
        {
            var hfsq = 0.5 * f * f;
            return k == 0
                ? f - (hfsq - (s * (hfsq + r)))
                : (dk * Ln2Hi) - ((hfsq - ((s * (hfsq + r)) + (dk * Ln2Lo))) - f);
        }

        return k == 0
            ? f - (s * (f - r))
            : (dk * Ln2Hi) - (((s * (f - r)) - (dk * Ln2Lo)) - f);
    }

    /// <summary>ln(1 + <paramref name="x"/>), accurate also when x is tiny.</summary>
    /// <param name="x">A number not below -1.</param>
    /// <returns>ln(1 + x); -infinity at -1, NaN below -1.</returns>
    public static double Log1P(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return u;
        }

        // Goldberg: ln(u) * x / (u - 1) cancels the rounding error of 1 + x.
        return Log(u) * (x / (u - 1.0));
    }

    /// <summary>e^<paramref name="x"/> - 1, accurate also when x is tiny.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e^x - 1; -1 for very negative x, +infinity above 709.78.</returns>
    public static double ExpM1(double x)
    {
        var u = Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        var um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u))
        {
            return um1;
        }

        // Kahan: (u - 1) * x / ln(u) cancels the rounding error of exp.
        return um1 * (x / Log(u));
    }

    /// <summary>
    /// x raised to y, the same on every machine: whole exponents up to 1024 in magnitude by repeated
    /// squaring (IEEE multiplications only, so exact powers of small integers stay exact), other
    /// exponents of positive x as exp(y log x).
    /// </summary>
    public static double Pow(double x, double y)
    {
        if (y == 0)
        {
            return 1;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (y == Math.Floor(y) && Math.Abs(y) <= 1024)
        {
            var n = (long)Math.Abs(y);
            var result = 1.0;
            var factor = x;
            while (n > 0)
            {
                if ((n & 1) == 1)
                {
                    result *= factor;
                }

                factor *= factor;
                n >>= 1;
            }

            return y < 0 ? 1 / result : result;
        }

        if (x > 0)
        {
            return Exp(y * Log(x));
        }

        if (x == 0)
        {
            return y > 0 ? 0 : double.PositiveInfinity;
        }

        return double.NaN; // a negative number to a fractional power
    }

    /// <summary>The base-2 logarithm, through <see cref="Log"/>.</summary>
    public static double Log2(double x) => Log(x) * 1.4426950408889634;
}
