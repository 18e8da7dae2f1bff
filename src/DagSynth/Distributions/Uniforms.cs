using System.Runtime.CompilerServices;

namespace DagSynth.Distributions;

/// <summary>
/// How 64 random bits become a uniform number, exactly. Two conventions, both strictly inside (0, 1):
/// <list type="bullet">
/// <item>Inversion samplers use the top 53 bits m as u = (2m + 1) / 2^54. Above 1/2 such a u is not a
/// double, so it is carried as <c>t = 2^54 (u - 1/2)</c>, an odd integer with |t| &lt; 2^53, from which
/// both u - 1/2 and the smaller tail min(u, 1 - u) are exact doubles. Inverting the smaller tail keeps
/// full relative precision on both sides: the largest value drawn is the true 1 - 2^-54 quantile.</item>
/// <item>Rejection samplers and the count inversions use the top 52 bits m as (2m + 1) / 2^53, an exact
/// double in [2^-53, 1 - 2^-53].</item>
/// </list>
/// </summary>
internal static class Uniforms
{
    private const double TwoM52 = 1.0 / (1L << 52);
    private const double TwoM53 = 1.0 / (1L << 53);
    private const double TwoM54 = 1.0 / (1L << 54);
    private const long TwoP53 = 1L << 53;

    /// <summary>t = 2^54 (u - 1/2) for the 53-bit uniform u = (2m + 1) / 2^54: odd, |t| &lt; 2^53.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Centered(ulong bits) => ((long)(bits >> 11) << 1) + 1 - TwoP53;

    /// <summary>u - 1/2, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Half(long centered) => centered * TwoM54;

    /// <summary>min(u, 1 - u), exactly: u when <paramref name="centered"/> &lt; 0, else 1 - u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tail(long centered) => (TwoP53 - Math.Abs(centered)) * TwoM54;

    /// <summary>The 53-bit u rounded to a double (so it may be 1.0), for samplers that clamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Rounded(ulong bits) => ((bits >> 11) + 0.5) * TwoM53;

    /// <summary>(2m + 1) / 2^53 for the top 52 bits m: exact, in [2^-53, 1 - 2^-53]. Open(~bits) = 1 - Open(bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Open(ulong bits) => ((bits >> 12) + 0.5) * TwoM52;

    /// <summary><see cref="Open"/> minus one half, exactly: in (-1/2, 1/2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpenCentered(ulong bits) => ((long)(bits >> 12) - (1L << 51) + 0.5) * TwoM52;
}
