namespace DagSynth.Testing;

/// <summary>
/// The one-sample Kolmogorov-Smirnov test of a sample against a continuous distribution function,
/// with the p-value from the asymptotic Kolmogorov distribution and Stephens' small-sample correction
/// (M. A. Stephens, "Use of the Kolmogorov-Smirnov, Cramér-von Mises and related statistics without
/// extensive tables", JRSS B 32 (1970) 115-122): lambda = D (sqrt(n) + 0.12 + 0.11 / sqrt(n)).
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The statistic D = sup |F_n(x) - F(x)|. Sorts <paramref name="sample"/> in place.</summary>
    public static double Statistic(double[] sample, Func<double, double> cdf)
    {
        Array.Sort(sample);
        var n = sample.Length;
        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var f = cdf(sample[i]);
            if (double.IsNaN(f))
            {
                throw new ArgumentException($"the distribution function is NaN at {sample[i]}");
            }

            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        return d;
    }

    /// <summary>The p-value of <see cref="Statistic"/> for a sample of size n.</summary>
    public static double PValue(double d, int n)
    {
        var sqrtN = Math.Sqrt(n);
        return KolmogorovUpperTail(d * (sqrtN + 0.12 + (0.11 / sqrtN)));
    }

    /// <summary>The p-value of <paramref name="sample"/> against <paramref name="cdf"/>. Sorts the sample in place.</summary>
    public static double PValue(double[] sample, Func<double, double> cdf) => PValue(Statistic(sample, cdf), sample.Length);

    /// <summary>
    /// P(K &gt; lambda) for the Kolmogorov distribution: 2 sum (-1)^(j-1) exp(-2 j^2 lambda^2) for
    /// lambda &gt;= 1, and 1 - sqrt(2 pi)/lambda sum exp(-(2j-1)^2 pi^2 / (8 lambda^2)) below, where
    /// that series converges faster.
    /// </summary>
    public static double KolmogorovUpperTail(double lambda)
    {
        if (lambda <= 0)
        {
            return 1.0;
        }

        double sum = 0;
        if (lambda < 1.0)
        {
            for (var j = 1; j <= 20; j++)
            {
                var k = (2 * j) - 1;
                sum += Math.Exp(-k * k * Math.PI * Math.PI / (8 * lambda * lambda));
            }

            return Math.Max(0.0, 1.0 - (Math.Sqrt(2 * Math.PI) / lambda * sum));
        }

        for (var j = 1; j <= 100; j++)
        {
            var term = Math.Exp(-2.0 * j * j * lambda * lambda);
            sum += (j % 2 == 1 ? term : -term);
            if (term < 1e-18)
            {
                break;
            }
        }

        return Math.Min(1.0, 2.0 * sum);
    }
}
