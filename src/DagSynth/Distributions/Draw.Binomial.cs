using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>Binomial: inversion for small n min(p, 1-p), Hörmann's BTRD otherwise.</summary>
public static partial class Draw
{
    /// <summary>From this n min(p, 1 - p) on, the binomial sampler uses BTRD instead of inversion.</summary>
    public const double BinomialInversionBelow = 10.0;

    /// <summary>
    /// A binomial count of successes in n trials of probability p. With p &gt; 1/2 it draws n - X for
    /// X ~ Binomial(n, 1 - p). For n min(p, 1 - p) &lt; 10, inversion by sequential search from 0 (one
    /// word, non-decreasing in it also for p &gt; 1/2; about n p + 1 steps; counts of probability below
    /// about 1e-16 past the mode are not produced). Otherwise W. Hörmann, "The generation of binomial
    /// random variates", J. Statist. Comput. Simul. 46 (1993) 101-110 (BTRD), with the final test on
    /// Loader's log-probabilities: about 1.4 words for large n p (1 - p), up to 2.3 near n p = 10;
    /// fallback: the mode. n = 0, p = 0 and p = 1 read nothing.
    /// </summary>
    /// <param name="draws">The cell's stream.</param>
    /// <param name="n">The number of trials, in [0, <see cref="DistributionParameters.MaxBinomialTrials"/>].</param>
    /// <param name="p">The probability of success, in [0, 1].</param>
    /// <returns>A count in [0, n].</returns>
    public static long Binomial(ref CellDraws draws, long n, double p)
    {
        if (n <= 0 || !(p > 0.0))
        {
            return 0;
        }

        if (p >= 1.0)
        {
            return n;
        }

        var flip = p > 0.5;
        var small = flip ? 1.0 - p : p; // exact when flipped (Sterbenz)
        var large = flip ? p : 1.0 - small;
        if (n * small < BinomialInversionBelow)
        {
            var bits = draws.NextBits();
            // Open(~bits) = 1 - Open(bits): n - X(1 - u) is non-decreasing in u.
            return flip ? n - BinomialInversionAt(~bits, n, small, large) : BinomialInversionAt(bits, n, small, large);
        }

        var k = Btrd(ref draws, n, small, large);
        return flip ? n - k : k;
    }

    /// <summary>Binomial by inversion at one word, for p &lt;= 1/2 and n p &lt; 10: non-decreasing in the word.</summary>
    internal static long BinomialInversionAt(ulong bits, long n, double p, double q)
    {
        var u = Uniforms.Open(bits);
        var odds = p / q;
        var scaled = (n + 1.0) * odds;
        var probability = PortableMath.Exp(n * PortableMath.Log1P(-p)); // q^n without the rounding of q
        long k = 0;
        while (u > probability && k < n)
        {
            u -= probability;
            k++;
            var next = probability * ((scaled / k) - odds);
            if (next < NegligibleProbability && next < probability)
            {
                break; // beyond the mode and below 2^-52: the rest of the tail is negligible
            }

            probability = next;
        }

        return k;
    }

    /// <summary>Hörmann's BTRD for p &lt;= 1/2 and n p &gt;= 10 (steps numbered as in the paper).</summary>
    private static long Btrd(ref CellDraws draws, long n, double p, double q)
    {
        // Step 0: set-up.
        var m = (long)Math.Floor((n + 1.0) * p);
        var r = p / q;
        var nr = (n + 1.0) * r;
        var npq = n * p * q;
        var sqrtNpq = Math.Sqrt(npq);
        var b = 1.15 + (2.53 * sqrtNpq);
        var a = -0.0873 + (0.0248 * b) + (0.01 * p);
        var c = (n * p) + 0.5;
        var alpha = (2.83 + (5.1 / b)) * sqrtNpq;
        var vr = 0.92 - (4.2 / b);
        var urvr = 0.86 * vr;
        var logProbabilityAtMode = double.NaN; // computed on first use (step 3.3)

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Step 1: the inner region, accepted at once.
            var v = Uniforms.Open(draws.NextBits());
            double u;
            double kd;
            if (v <= urvr)
            {
                u = (v / vr) - 0.43;
                kd = Math.Floor((((2.0 * a / (0.5 - Math.Abs(u))) + b) * u) + c);
                if (kd >= 0.0 && kd <= n)
                {
                    return (long)kd;
                }

                continue;
            }

            // Step 2: a point of the hat outside the inner region.
            if (v >= vr)
            {
                u = Uniforms.OpenCentered(draws.NextBits());
            }
            else
            {
                u = (v / vr) - 0.93;
                u = (u < 0.0 ? -0.5 : 0.5) - u;
                v = Uniforms.Open(draws.NextBits()) * vr;
            }

            // Step 2.1
            var us = 0.5 - Math.Abs(u);
            kd = Math.Floor((((2.0 * a / us) + b) * u) + c);
            if (!(kd >= 0.0 && kd <= n))
            {
                continue;
            }

            var k = (long)kd;
            v = v * alpha / ((a / (us * us)) + b);
            var km = Math.Abs(k - m);
            if (km <= 15)
            {
                // Step 3.1: f(k) / f(m) by the recursion f(i) / f(i-1) = (n+1) r / i - r.
                var f = 1.0;
                if (m < k)
                {
                    for (var i = m + 1; i <= k; i++)
                    {
                        f *= (nr / i) - r;
                    }
                }
                else
                {
                    for (var i = k + 1; i <= m; i++)
                    {
                        v *= (nr / i) - r;
                    }
                }

                if (v <= f)
                {
                    return k;
                }

                continue;
            }

            // Step 3.2: squeeze on ln(f(k) / f(m)).
            v = PortableMath.Log(v);
            double kmd = km;
            var rho = kmd / npq * ((((((kmd / 3.0) + 0.625) * kmd) + (1.0 / 6.0)) / npq) + 0.5);
            var squeeze = -kmd * kmd / (2.0 * npq);
            if (v < squeeze - rho)
            {
                return k;
            }

            if (v > squeeze + rho)
            {
                continue;
            }

            // Steps 3.3-3.4: the exact test, ln f(k) - ln f(m) in Loader's form (the paper's Stirling
            // expression is equivalent, but cancels for n beyond about 1e9).
            if (double.IsNaN(logProbabilityAtMode))
            {
                logProbabilityAtMode = SpecialFunctions.LogBinomialProbability(m, n, p, q);
            }

            if (v <= SpecialFunctions.LogBinomialProbability(k, n, p, q) - logProbabilityAtMode)
            {
                return k;
            }
        }

        return m;
    }
}
