using System.Runtime.CompilerServices;
using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>
/// Samplers for continuous and count distributions. Each is a pure function of the words it reads
/// from <see cref="CellDraws"/>: no other state, no allocation, the same bits on every machine
/// (only <see cref="PortableMath"/> and IEEE-754 basic operations). Parameters are not checked here;
/// check them once with <see cref="DistributionParameters"/> ("define, compile, run"). With invalid
/// parameters a sampler returns a meaningless value (possibly NaN) but always returns.
/// </summary>
/// <remarks>
/// Inversion samplers (normal, log-normal, uniform, exponential, Weibull, truncated normal, and the
/// Poisson and binomial for small means) read exactly one word and are non-decreasing in its uniform,
/// so the same cell under two parameter sets gives coupled draws (for the continuous ones up to
/// rounding: two nearly equal uniforms may give values a few units in the last place out of order).
/// Rejection samplers read as many words as they need; each documents the expected count, and each
/// gives up after <see cref="MaxAttempts"/> attempts and returns a fixed fallback value, so that
/// invalid parameters cannot make it loop forever. With valid parameters an attempt is rejected with
/// probability at most 0.29 (measured: BTRD near n p = 10; PTRS 0.25 at mean 10; Marsaglia-Tsang 0.05),
/// so the fallback is reached with probability below 0.3^1000, about 1e-523.
/// A result beyond the double range is returned as <see cref="double.MaxValue"/> (or its negative).
/// See docs/distributions.md.
/// </remarks>
public static partial class Draw
{
    /// <summary>Attempts a rejection sampler makes before it returns its fallback value.</summary>
    public const int MaxAttempts = 1000;

    /// <summary>A standard normal N(0, 1) by inversion (AS 241) of one 53-bit uniform. One word.</summary>
    /// <param name="draws">The cell's stream.</param>
    /// <returns>A value in [-8.29, 8.29] (the 2^-54 quantile bounds it).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StandardNormal(ref CellDraws draws) => StandardNormalAt(draws.NextBits());

    /// <summary>A normal N(mean, sd^2) by inversion: mean + sd Z. One word.</summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="sd">The standard deviation, finite and &gt; 0.</param>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ref CellDraws draws, double mean, double sd) => NormalAt(draws.NextBits(), mean, sd);

    /// <summary>A log-normal: exp(meanlog + sdlog Z), by inversion. One word.</summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="meanlog">The mean of the logarithm, finite.</param>
    /// <param name="sdlog">The standard deviation of the logarithm, finite and &gt; 0.</param>
    /// <returns>A value &gt;= 0 (0 only when the exact value underflows).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogNormal(ref CellDraws draws, double meanlog, double sdlog) => LogNormalAt(draws.NextBits(), meanlog, sdlog);

    /// <summary>A uniform on [lo, hi]: lo + (hi - lo) u. One word.</summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="lo">The lower bound, finite.</param>
    /// <param name="hi">The upper bound, finite, &gt; lo.</param>
    /// <returns>A value in [lo, hi].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ref CellDraws draws, double lo, double hi) => UniformAt(draws.NextBits(), lo, hi);

    /// <summary>An exponential with the given rate (mean 1/rate), by inversion: -ln(1 - u) / rate. One word.</summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="rate">The rate, finite and &gt; 0.</param>
    /// <returns>A value &gt;= 0 (0 only when the exact value underflows).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponential(ref CellDraws draws, double rate) => ExponentialAt(draws.NextBits(), rate);

    /// <summary>
    /// A Weibull with the given shape k and scale (CDF 1 - exp(-(x/scale)^k)), by inversion:
    /// scale (-ln(1 - u))^(1/k). One word.
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="shape">The shape k, finite and &gt; 0.</param>
    /// <param name="scale">The scale, finite and &gt; 0.</param>
    /// <returns>A value &gt;= 0 (0 only when the exact value underflows).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Weibull(ref CellDraws draws, double shape, double scale) => WeibullAt(draws.NextBits(), shape, scale);

    /// <summary>A standard normal at the 64 bits <paramref name="bits"/>: non-decreasing in bits &gt;&gt; 11 (up to rounding).</summary>
    internal static double StandardNormalAt(ulong bits)
    {
        var t = Uniforms.Centered(bits);
        return SpecialFunctions.NormalQuantile(Uniforms.Half(t), Uniforms.Tail(t));
    }

    internal static double NormalAt(ulong bits, double mean, double sd) => Saturate(mean + (sd * StandardNormalAt(bits)));

    internal static double LogNormalAt(ulong bits, double meanlog, double sdlog) =>
        Saturate(PortableMath.Exp(meanlog + (sdlog * StandardNormalAt(bits))));

    internal static double UniformAt(ulong bits, double lo, double hi) => Math.Min(lo + ((hi - lo) * Uniforms.Rounded(bits)), hi);

    /// <summary>-ln(1 - u): from the exact u below 1/2 (via ln(1 + x)), from the exact 1 - u above.</summary>
    internal static double StandardExponentialAt(ulong bits)
    {
        var t = Uniforms.Centered(bits);
        var tail = Uniforms.Tail(t);
        return t > 0 ? -PortableMath.Log(tail) : -PortableMath.Log1P(-tail);
    }

    internal static double ExponentialAt(ulong bits, double rate) => Saturate(StandardExponentialAt(bits) / rate);

    internal static double WeibullAt(ulong bits, double shape, double scale) =>
        Saturate(scale * PortableMath.Exp(PortableMath.Log(StandardExponentialAt(bits)) / shape));

    /// <summary>Maps an overflow to the largest finite double of the same sign; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Saturate(double x) => x > double.MaxValue ? double.MaxValue : x < -double.MaxValue ? -double.MaxValue : x;
}
