using DagSynth.Randomness;

namespace DagSynth.Distributions;

/// <summary>TEMPORARY placeholder until the distributions branch lands (replaced on merge).</summary>
public static class Draw
{
    /// <summary>Placeholder.</summary>
    public static double Normal(ref CellDraws d, double mean, double sd) => mean + (sd * Quantile(d.NextUnit()));

    /// <summary>Placeholder.</summary>
    public static double LogNormal(ref CellDraws d, double meanlog, double sdlog) => Math.Exp(Normal(ref d, meanlog, sdlog));

    /// <summary>Placeholder.</summary>
    public static double Uniform(ref CellDraws d, double lo, double hi) => lo + ((hi - lo) * d.NextUnit());

    /// <summary>Placeholder.</summary>
    public static double Exponential(ref CellDraws d, double rate) => -Math.Log(1 - d.NextUnit()) / rate;

    /// <summary>Placeholder.</summary>
    public static double Weibull(ref CellDraws d, double shape, double scale) => scale * Math.Pow(-Math.Log(1 - d.NextUnit()), 1 / shape);

    /// <summary>Placeholder.</summary>
    public static double TruncatedNormal(ref CellDraws d, double mean, double sd, double lo, double hi)
    {
        for (var i = 0; i < 1000; i++)
        {
            var x = Normal(ref d, mean, sd);
            if (x >= lo && x <= hi)
            {
                return x;
            }
        }

        return Math.Clamp(mean, lo, hi);
    }

    /// <summary>Placeholder.</summary>
    public static double Gamma(ref CellDraws d, double shape, double rate)
    {
        if (shape < 1)
        {
            return Gamma(ref d, shape + 1, rate) * Math.Pow(d.NextUnit(), 1 / shape);
        }

        var dd = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * dd);
        while (true)
        {
            var x = Quantile(d.NextUnit());
            var v = Math.Pow(1 + (c * x), 3);
            if (v > 0 && Math.Log(d.NextUnit()) < (0.5 * x * x) + dd - (dd * v) + (dd * Math.Log(v)))
            {
                return dd * v / rate;
            }
        }
    }

    /// <summary>Placeholder.</summary>
    public static double Beta(ref CellDraws d, double a, double b)
    {
        var x = Gamma(ref d, a, 1);
        return x / (x + Gamma(ref d, b, 1));
    }

    /// <summary>Placeholder.</summary>
    public static long Poisson(ref CellDraws d, double mean)
    {
        var u = d.NextUnit();
        var p = Math.Exp(-mean);
        var f = p;
        long k = 0;
        while (u > f && k < 100000)
        {
            k++;
            p *= mean / k;
            f += p;
        }

        return k;
    }

    /// <summary>Placeholder.</summary>
    public static long NegativeBinomial(ref CellDraws d, double mean, double dispersion) =>
        Poisson(ref d, Gamma(ref d, dispersion, dispersion / mean));

    /// <summary>Placeholder.</summary>
    public static long Binomial(ref CellDraws d, long n, double p)
    {
        long k = 0;
        for (long i = 0; i < n; i++)
        {
            k += d.NextUnit() < p ? 1 : 0;
        }

        return k;
    }

    private static double Quantile(double p)
    {
        p = Math.Clamp(p, 1e-300, 1 - 1e-16);
        var t = Math.Sqrt(-2 * Math.Log(p < 0.5 ? p : 1 - p));
        var x = t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
        return p < 0.5 ? -x : x;
    }
}
