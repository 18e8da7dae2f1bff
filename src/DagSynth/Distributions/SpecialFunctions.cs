namespace DagSynth.Distributions;

/// <summary>
/// The special functions the samplers and moments need, written here so that the core depends on
/// the base library only, and computed with <see cref="PortableMath"/> so that they give the same
/// bits on every machine.
/// </summary>
/// <remarks>
/// Normal distribution function: W. J. Cody, "Rational Chebyshev approximations for the error
/// function", Math. Comp. 23 (1969) 631-637, in the form of Cody's ANORM (ACM TOMS algorithm 715,
/// 1993), with exp(-x^2/2) split as exp(-y^2/2) exp(-(x-y)(x+y)/2), y = trunc(16x)/16, so that the
/// tails keep full relative precision. Normal quantile: M. J. Wichura, "Algorithm AS 241: the
/// percentage points of the normal distribution", Applied Statistics 37 (1988) 477-484 (PPND16).
/// </remarks>
public static partial class SpecialFunctions
{
    /// <summary>sqrt(2 pi).</summary>
    internal const double SqrtTwoPi = 2.5066282746310005024157652848110;

    /// <summary>1 / sqrt(2 pi).</summary>
    internal const double InvSqrtTwoPi = 0.39894228040143267793994605993438;

    /// <summary>ln sqrt(2 pi).</summary>
    internal const double LnSqrtTwoPi = 0.91893853320467274178032973640562;

    /// <summary>Beyond this |x| the normal density is 0 in double precision (it is 1.5e-348 at 40).</summary>
    private const double DensityZeroBeyond = 40.0;

    private const double CentralLimit = 0.67448975; // ~ the quartile, where Cody switches approximations
    private const double Sqrt32 = 5.6568542494923801952067548968388;

    // Cody's coefficients for Phi(x) - 1/2 = x A(x^2) / B(x^2), |x| <= 0.674.
    private const double A0 = 2.2352520354606839287, A1 = 161.02823106855587881, A2 = 1067.6894854603709582;
    private const double A3 = 18154.981253343561249, A4 = 0.065682337918207449113;
    private const double B0 = 47.20258190468824187, B1 = 976.09855173777669322, B2 = 10260.932208618978205;
    private const double B3 = 45507.789335026729956;

    // Cody's coefficients for Q(x) exp(x^2/2) = C(x) / D(x), 0.674 < x <= sqrt(32).
    private const double C0 = 0.39894151208813466764, C1 = 8.8831497943883759412, C2 = 93.506656132177855979;
    private const double C3 = 597.27027639480026226, C4 = 2494.5375852903726711, C5 = 6848.1904505362823326;
    private const double C6 = 11602.651437647350124, C7 = 9842.7148383839780218, C8 = 1.0765576773720192317e-8;
    private const double D0 = 22.266688044328115691, D1 = 235.38790178262499861, D2 = 1519.377599407554805;
    private const double D3 = 6485.558298266760755, D4 = 18615.571640885098091, D5 = 34900.952721145977266;
    private const double D6 = 38912.003286093271411, D7 = 19685.429676859990727;

    // Cody's coefficients for Q(x) exp(x^2/2) x = 1/sqrt(2 pi) - z P(z) / Q(z), z = 1/x^2, x > sqrt(32).
    private const double Pc0 = 0.21589853405795699, Pc1 = 0.1274011611602473639, Pc2 = 0.022235277870649807;
    private const double Pc3 = 0.001421619193227893466, Pc4 = 2.9112874951168792e-5, Pc5 = 0.02307344176494017303;
    private const double Qc0 = 1.28426009614491121, Qc1 = 0.468238212480865118, Qc2 = 0.0659881378689285515;
    private const double Qc3 = 0.00378239633202758244, Qc4 = 7.29751555083966205e-5;

    /// <summary>
    /// The standard normal distribution function Phi(x) = P(Z &lt;= x), with full relative precision
    /// in both tails; the upper tail P(Z &gt; x) is <c>NormalCdf(-x)</c>, exactly.
    /// </summary>
    /// <param name="x">The point; infinities give 0 and 1.</param>
    /// <returns>Phi(x); 0 below about -38.5 (where Phi underflows).</returns>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        var y = Math.Abs(x);
        if (y <= CentralLimit)
        {
            return 0.5 + CentralPart(x);
        }

        var upper = UpperTailBeyondCentral(y);
        return x > 0 ? 1.0 - upper : upper;
    }

    /// <summary>The standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi).</summary>
    /// <param name="x">The point.</param>
    /// <returns>phi(x), with full relative precision until it underflows near |x| = 38.6.</returns>
    public static double NormalDensity(double x)
    {
        var y = Math.Abs(x);
        if (double.IsNaN(y))
        {
            return y;
        }

        return y > DensityZeroBeyond ? 0.0 : InvSqrtTwoPi * ExpMinusHalfSquare(y);
    }

    /// <summary>
    /// The standard normal quantile Phi^-1(p), by Wichura's AS 241 (PPND16): relative error about
    /// 1e-16 for p in [1e-300, 1 - 1e-16].
    /// </summary>
    /// <param name="p">A probability.</param>
    /// <returns>The x with Phi(x) = p; -infinity at 0, +infinity at 1, NaN outside [0, 1].</returns>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            return p == 0.0 ? double.NegativeInfinity : p == 1.0 ? double.PositiveInfinity : double.NaN;
        }

        var q = p - 0.5;
        return NormalQuantile(q, q < 0 ? p : 1.0 - p);
    }

    /// <summary>
    /// AS 241 given q = p - 1/2 and the smaller tail min(p, 1 - p), both passed in so that callers
    /// holding them exactly (the samplers do) lose nothing to rounding near p = 1.
    /// </summary>
    internal static double NormalQuantile(double q, double tail)
    {
        if (Math.Abs(q) <= 0.425)
        {
            // Wichura's coefficients A (numerator) and B (denominator), in r = 0.180625 - q^2.
            var r = 0.180625 - (q * q);
            var a = 2509.0809287301226727;
            a = (a * r) + 33430.575583588128105;
            a = (a * r) + 67265.770927008700853;
            a = (a * r) + 45921.953931549871457;
            a = (a * r) + 13731.693765509461125;
            a = (a * r) + 1971.5909503065514427;
            a = (a * r) + 133.14166789178437745;
            a = (a * r) + 3.387132872796366608;
            var b = 5226.495278852854561;
            b = (b * r) + 28729.085735721942674;
            b = (b * r) + 39307.89580009271061;
            b = (b * r) + 21213.794301586595867;
            b = (b * r) + 5394.1960214247511077;
            b = (b * r) + 687.1870074920579083;
            b = (b * r) + 42.313330701600911252;
            b = (b * r) + 1.0;
            return q * a / b;
        }

        var s = Math.Sqrt(-PortableMath.Log(tail));
        double value;
        if (s <= 5.0)
        {
            // Coefficients C and D, in s - 1.6, for min(p, 1 - p) >= exp(-25) ~ 1.4e-11.
            s -= 1.6;
            var c = 7.7454501427834140764e-4;
            c = (c * s) + 0.0227238449892691845833;
            c = (c * s) + 0.24178072517745061177;
            c = (c * s) + 1.27045825245236838258;
            c = (c * s) + 3.64784832476320460504;
            c = (c * s) + 5.7694972214606914055;
            c = (c * s) + 4.6303378461565452959;
            c = (c * s) + 1.42343711074968357734;
            var d = 1.05075007164441684324e-9;
            d = (d * s) + 5.475938084995344946e-4;
            d = (d * s) + 0.0151986665636164571966;
            d = (d * s) + 0.14810397642748007459;
            d = (d * s) + 0.68976733498510000455;
            d = (d * s) + 1.6763848301838038494;
            d = (d * s) + 2.05319162663775882187;
            d = (d * s) + 1.0;
            value = c / d;
        }
        else
        {
            // Coefficients E and F, in s - 5, further out.
            s -= 5.0;
            var e = 2.01033439929228813265e-7;
            e = (e * s) + 2.71155556874348757815e-5;
            e = (e * s) + 0.0012426609473880784386;
            e = (e * s) + 0.026532189526576123093;
            e = (e * s) + 0.29656057182850489123;
            e = (e * s) + 1.7848265399172913358;
            e = (e * s) + 5.4637849111641143699;
            e = (e * s) + 6.6579046435011037772;
            var f = 2.04426310338993978564e-15;
            f = (f * s) + 1.4215117583164458887e-7;
            f = (f * s) + 1.8463183175100546818e-5;
            f = (f * s) + 7.868691311456132591e-4;
            f = (f * s) + 0.0148753612908506148525;
            f = (f * s) + 0.13692988092273580531;
            f = (f * s) + 0.59983220655588793769;
            f = (f * s) + 1.0;
            value = e / f;
        }

        return q < 0 ? -value : value;
    }

    /// <summary>
    /// Mills' ratio R(x) = Q(x) / phi(x) for x &gt;= 0, where Q is the upper tail: finite and
    /// accurate where Q and phi themselves underflow (R(x) ~ 1/x).
    /// </summary>
    internal static double MillsRatio(double x)
    {
        if (x <= CentralLimit)
        {
            return (0.5 - CentralPart(x)) / (InvSqrtTwoPi * ExpMinusHalfSquare(x));
        }

        if (x <= Sqrt32)
        {
            return SqrtTwoPi * MiddleRational(x);
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        var z = 1.0 / (x * x);
        return (1.0 - (SqrtTwoPi * z * TailRational(z))) / x;
    }

    /// <summary>exp(-x^2 / 2) for 0 &lt;= x &lt;= 40, without the rounding error of x^2 (Cody).</summary>
    internal static double ExpMinusHalfSquare(double x)
    {
        var head = Math.Truncate(x * 16.0) / 16.0; // exact, and head^2 is exact
        var rest = (x - head) * (x + head);
        return PortableMath.Exp(-head * head * 0.5) * PortableMath.Exp(-rest * 0.5);
    }

    /// <summary>Phi(x) - 1/2 for |x| &lt;= 0.674.</summary>
    private static double CentralPart(double x)
    {
        double numerator = 0, denominator = 0;
        if (Math.Abs(x) > 1.11e-16)
        {
            var xsq = x * x;
            numerator = A4 * xsq;
            denominator = xsq;
            numerator = (numerator + A0) * xsq;
            denominator = (denominator + B0) * xsq;
            numerator = (numerator + A1) * xsq;
            denominator = (denominator + B1) * xsq;
            numerator = (numerator + A2) * xsq;
            denominator = (denominator + B2) * xsq;
        }

        return x * (numerator + A3) / (denominator + B3);
    }

    /// <summary>Q(y) for y &gt; 0.674.</summary>
    private static double UpperTailBeyondCentral(double y)
    {
        if (y <= Sqrt32)
        {
            return ExpMinusHalfSquare(y) * MiddleRational(y);
        }

        if (y > DensityZeroBeyond)
        {
            return 0.0;
        }

        var z = 1.0 / (y * y);
        return ExpMinusHalfSquare(y) * ((InvSqrtTwoPi - (z * TailRational(z))) / y);
    }

    /// <summary>Q(y) exp(y^2/2) for 0.674 &lt; y &lt;= sqrt(32).</summary>
    private static double MiddleRational(double y)
    {
        var numerator = C8 * y;
        var denominator = y;
        numerator = (numerator + C0) * y;
        denominator = (denominator + D0) * y;
        numerator = (numerator + C1) * y;
        denominator = (denominator + D1) * y;
        numerator = (numerator + C2) * y;
        denominator = (denominator + D2) * y;
        numerator = (numerator + C3) * y;
        denominator = (denominator + D3) * y;
        numerator = (numerator + C4) * y;
        denominator = (denominator + D4) * y;
        numerator = (numerator + C5) * y;
        denominator = (denominator + D5) * y;
        numerator = (numerator + C6) * y;
        denominator = (denominator + D6) * y;
        return (numerator + C7) / (denominator + D7);
    }

    /// <summary>P(z) / Q(z) of Cody's asymptotic range, z = 1/y^2.</summary>
    private static double TailRational(double z)
    {
        var numerator = Pc5 * z;
        var denominator = z;
        numerator = (numerator + Pc0) * z;
        denominator = (denominator + Qc0) * z;
        numerator = (numerator + Pc1) * z;
        denominator = (denominator + Qc1) * z;
        numerator = (numerator + Pc2) * z;
        denominator = (denominator + Qc2) * z;
        numerator = (numerator + Pc3) * z;
        denominator = (denominator + Qc3) * z;
        return (numerator + Pc4) / (denominator + Qc4);
    }
}
