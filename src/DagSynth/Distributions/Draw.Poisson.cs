using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>Poisson (inversion, then Hörmann's PTRS) and the negative binomial (gamma-Poisson mixture).</summary>
public static partial class Draw
{
    /// <summary>From this mean on, the Poisson sampler uses PTRS instead of inversion.</summary>
    public const double PoissonInversionBelow = 10.0;

    /// <summary>The largest mean the Poisson sampler draws for; above it, it returns <see cref="long.MaxValue"/>.</summary>
    private const double PoissonSaturatesAbove = 9.0e18;

    /// <summary>2^-52: once probabilities past the mode fall below it, a sequential search stops.</summary>
    private const double NegligibleProbability = 1.0 / (1L << 52);

    /// <summary>
    /// A Poisson count with the given mean. For mean &lt; 10, inversion by sequential search from 0
    /// (one word, non-decreasing in it; about mean + 1 steps; the search stops once the probabilities
    /// past the mode fall below 2^-52, so counts of probability below about 1e-16 are not produced).
    /// For mean &gt;= 10, W. Hörmann, "The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12 (1993) 39-45 (PTRS), with the final test
    /// on Loader's log-probability: two words per attempt, 2.25 (large means) to 2.65 (means near
    /// 10) in all. Fallback: floor(mean).
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="mean">The mean, finite, in [0, <see cref="DistributionParameters.MaxPoissonMean"/>]; 0 (or NaN) gives 0 and reads nothing.</param>
    /// <returns>A count &gt;= 0.</returns>
    public static long Poisson(ref CellDraws draws, double mean)
    {
        if (!(mean > 0.0))
        {
            return 0;
        }

        if (mean < PoissonInversionBelow)
        {
            return PoissonInversionAt(draws.NextBits(), mean);
        }

        return mean > PoissonSaturatesAbove ? long.MaxValue : PoissonPtrs(ref draws, mean);
    }

    /// <summary>
    /// A negative binomial count with the given mean and dispersion k (the "size"): variance
    /// mean + mean^2 / k; k = 1 is the geometric, k to infinity the Poisson. Drawn as a Poisson whose
    /// mean is a gamma with shape k and mean <paramref name="mean"/> (the gamma's words first, then
    /// the Poisson's). Expected words: the gamma's (2.0 to 2.1, plus one for k &lt; 1) plus the
    /// Poisson's (1, or 2.25 to 2.65 when the mixed mean is 10 or more): about 4.3.
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="mean">The mean, finite, in [0, <see cref="DistributionParameters.MaxPoissonMean"/>]; 0 gives 0 and reads nothing.</param>
    /// <param name="dispersion">The size k, finite and &gt; 0.</param>
    /// <returns>A count &gt;= 0.</returns>
    public static long NegativeBinomial(ref CellDraws draws, double mean, double dispersion)
    {
        if (!(mean > 0.0))
        {
            return 0;
        }

        var lambda = StandardGamma(ref draws, dispersion) * (mean / dispersion);
        return Poisson(ref draws, lambda);
    }

    /// <summary>Poisson by inversion at one word, for mean &lt; 10: non-decreasing in the word.</summary>
    internal static long PoissonInversionAt(ulong bits, double mean)
    {
        var u = Uniforms.Open(bits);
        var p = PortableMath.Exp(-mean);
        long k = 0;
        while (u > p)
        {
            u -= p;
            k++;
            var next = p * mean / k;
            if (next < NegligibleProbability && next < p)
            {
                break; // beyond the mode and below 2^-52: the rest of the tail is negligible
            }

            p = next;
        }

        return k;
    }

    /// <summary>Hörmann's PTRS for mean &gt;= 10.</summary>
    private static long PoissonPtrs(ref CellDraws draws, double mean)
    {
        var b = 0.931 + (2.53 * Math.Sqrt(mean));
        var a = -0.059 + (0.02483 * b);
        var logInverseAlpha = PortableMath.Log(1.1239 + (1.1328 / (b - 3.4)));
        var vr = 0.9277 - (3.6224 / (b - 2.0));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var u = Uniforms.OpenCentered(draws.NextBits());
            var v = Uniforms.Open(draws.NextBits());
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((2.0 * a / us) + b) * u) + mean + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (k < 0.0 || k > PoissonSaturatesAbove || (us < 0.013 && v > us))
            {
                continue;
            }

            var logAcceptance = PortableMath.Log(v) + logInverseAlpha - PortableMath.Log((a / (us * us)) + b);
            if (logAcceptance <= SpecialFunctions.LogPoissonProbability((long)k, mean))
            {
                return (long)k;
            }
        }

        return (long)Math.Floor(mean);
    }
}
