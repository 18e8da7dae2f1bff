namespace DagSynth.Distributions;

/// <summary>
/// Log-probabilities of the Poisson and binomial distributions in C. Loader's saddle-point form,
/// "Fast and accurate computation of binomial probabilities" (2000): no term of size k ln k is ever
/// subtracted from another, so they stay accurate to about 1e-14 (absolute, in the log) for counts
/// up to 1e15, where the textbook k ln(mean) - mean - ln k! loses every digit.
/// </summary>
public static partial class SpecialFunctions
{
    private const double LnTwoPi = 1.8378770664093454835606594728112;

    /// <summary>ln P(X = k) for X ~ Poisson(mean).</summary>
    /// <param name="k">The count.</param>
    /// <param name="mean">The mean, &gt;= 0.</param>
    /// <returns>The log-probability; -infinity when k is impossible, NaN for an invalid mean.</returns>
    public static double LogPoissonProbability(long k, double mean)
    {
        if (!(mean >= 0.0) || double.IsPositiveInfinity(mean))
        {
            return double.NaN;
        }

        if (k < 0 || (mean == 0.0 && k > 0))
        {
            return double.NegativeInfinity;
        }

        if (k == 0)
        {
            return -mean;
        }

        double x = k;
        return -StirlingError(x) - DevianceTerm(x, mean) - LnSqrtTwoPi - (0.5 * PortableMath.Log(x));
    }

    /// <summary>ln P(X = k) for X ~ Binomial(n, p).</summary>
    /// <param name="k">The count of successes.</param>
    /// <param name="n">The number of trials, &gt;= 0.</param>
    /// <param name="p">The probability of success, in [0, 1].</param>
    /// <returns>The log-probability; -infinity when k is impossible, NaN for invalid n or p.</returns>
    public static double LogBinomialProbability(long k, long n, double p)
    {
        if (n < 0 || !(p >= 0.0 && p <= 1.0))
        {
            return double.NaN;
        }

        return LogBinomialProbability(k, n, p, 1.0 - p);
    }

    /// <summary>ln P(X = k) for X ~ Binomial(n, p) given q = 1 - p separately (exact for the caller).</summary>
    internal static double LogBinomialProbability(long k, long n, double p, double q)
    {
        if (k < 0 || k > n)
        {
            return double.NegativeInfinity;
        }

        if (p == 0.0)
        {
            return k == 0 ? 0.0 : double.NegativeInfinity;
        }

        if (q == 0.0)
        {
            return k == n ? 0.0 : double.NegativeInfinity;
        }

        double nn = n;
        if (k == 0)
        {
            return p < 0.1 ? -DevianceTerm(nn, nn * q) - (nn * p) : nn * PortableMath.Log(q);
        }

        if (k == n)
        {
            return q < 0.1 ? -DevianceTerm(nn, nn * p) - (nn * q) : nn * PortableMath.Log(p);
        }

        double x = k, y = n - k;
        var lc = StirlingError(nn) - StirlingError(x) - StirlingError(y) - DevianceTerm(x, nn * p) - DevianceTerm(y, nn * q);
        var lf = LnTwoPi + PortableMath.Log(x) + PortableMath.Log1P(-x / nn);
        return lc - (0.5 * lf);
    }

    /// <summary>
    /// Loader's deviance term bd0(x, m) = x ln(x/m) + m - x &gt;= 0, by a series in (x-m)/(x+m) when x is
    /// near m, where the direct form cancels.
    /// </summary>
    internal static double DevianceTerm(double x, double m)
    {
        var d = x - m;
        if (Math.Abs(d) < 0.1 * (x + m))
        {
            var v = d / (x + m);
            var sum = d * v;
            var term = 2.0 * x * v;
            var v2 = v * v;
            for (var j = 1; j < 200; j++)
            {
                term *= v2;
                var next = sum + (term / ((2 * j) + 1));
                if (next == sum)
                {
                    return next;
                }

                sum = next;
            }

            return sum;
        }

        return (x * PortableMath.Log(x / m)) + m - x;
    }
}
