namespace DagSynth.Distributions;

/// <summary>
/// The mean and variance of a distribution, from its parameters (the same parameterisations as
/// <see cref="Draw"/>; parameters are assumed valid, see <see cref="DistributionParameters"/>).
/// A moment too large for a double is +infinity.
/// </summary>
/// <param name="Mean">The mean.</param>
/// <param name="Variance">The variance.</param>
public readonly partial record struct Moments(double Mean, double Variance)
{
    /// <summary>The standard deviation, the square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Normal: (mean, sd^2).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="sd">The standard deviation.</param>
    /// <returns>The moments.</returns>
    public static Moments Normal(double mean, double sd) => new(mean, sd * sd);

    /// <summary>Log-normal: (e^(m + s^2/2), (e^(s^2) - 1) e^(2m + s^2)).</summary>
    /// <param name="meanlog">The mean m of the logarithm.</param>
    /// <param name="sdlog">The standard deviation s of the logarithm.</param>
    /// <returns>The moments.</returns>
    public static Moments LogNormal(double meanlog, double sdlog)
    {
        var s2 = sdlog * sdlog;
        return new(PortableMath.Exp(meanlog + (0.5 * s2)), PortableMath.ExpM1(s2) * PortableMath.Exp((2.0 * meanlog) + s2));
    }

    /// <summary>Uniform on [lo, hi]: ((lo + hi)/2, (hi - lo)^2/12).</summary>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The moments.</returns>
    public static Moments Uniform(double lo, double hi)
    {
        var width = hi - lo;
        return new((0.5 * lo) + (0.5 * hi), width * width / 12.0);
    }

    /// <summary>Exponential: (1/rate, 1/rate^2).</summary>
    /// <param name="rate">The rate.</param>
    /// <returns>The moments.</returns>
    public static Moments Exponential(double rate) => new(1.0 / rate, 1.0 / rate / rate);

    /// <summary>Weibull: (scale G1, scale^2 (G2 - G1^2)) with Gk = Gamma(1 + k/shape).</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="scale">The scale.</param>
    /// <returns>The moments (relative error about 1e-16 shape^2 in the variance, from the cancellation in G2 - G1^2).</returns>
    public static Moments Weibull(double shape, double scale)
    {
        var g1 = PortableMath.Exp(SpecialFunctions.LogGamma(1.0 + (1.0 / shape)));
        var g2 = PortableMath.Exp(SpecialFunctions.LogGamma(1.0 + (2.0 / shape)));
        return new(scale * g1, scale * scale * (g2 - (g1 * g1)));
    }

    /// <summary>Gamma with shape and rate: (shape/rate, shape/rate^2).</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="rate">The rate.</param>
    /// <returns>The moments.</returns>
    public static Moments Gamma(double shape, double rate) => new(shape / rate, shape / rate / rate);

    /// <summary>Beta with shapes a and b: (a/(a+b), ab/((a+b)^2 (a+b+1))).</summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <returns>The moments.</returns>
    public static Moments Beta(double a, double b)
    {
        var sum = a + b;
        return new(a / sum, a / sum * (b / sum) / (sum + 1.0));
    }

    /// <summary>Poisson: (mean, mean).</summary>
    /// <param name="mean">The mean.</param>
    /// <returns>The moments.</returns>
    public static Moments Poisson(double mean) => new(mean, mean);

    /// <summary>Negative binomial with mean and dispersion (size) k: (mean, mean + mean^2/k).</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="dispersion">The size k.</param>
    /// <returns>The moments.</returns>
    public static Moments NegativeBinomial(double mean, double dispersion) => new(mean, mean * (1.0 + (mean / dispersion)));

    /// <summary>Binomial: (n p, n p (1 - p)).</summary>
    /// <param name="n">The number of trials.</param>
    /// <param name="p">The probability of success.</param>
    /// <returns>The moments.</returns>
    public static Moments Binomial(long n, double p) => new(n * p, n * p * (1.0 - p));
}
