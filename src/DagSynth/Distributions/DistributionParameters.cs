using System.Collections.Immutable;
using System.Globalization;

namespace DagSynth.Distributions;

/// <summary>
/// Checks of distribution parameters, to run once before sampling (the samplers in
/// <see cref="Draw"/> do not check). Each method returns every problem found, in parameter order,
/// or an empty array (without allocating) when the parameters are valid.
/// </summary>
public static class DistributionParameters
{
    /// <summary>The largest Poisson or negative-binomial mean accepted.</summary>
    public const double MaxPoissonMean = 1e15;

    /// <summary>The largest number of binomial trials accepted.</summary>
    public const long MaxBinomialTrials = 1_000_000_000_000_000;

    /// <summary>Checks a normal: finite <paramref name="mean"/>, <paramref name="sd"/> finite and &gt; 0.</summary>
    /// <param name="mean">The mean.</param>
    /// <param name="sd">The standard deviation.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckNormal(double mean, double sd) =>
        Collect(Finite(nameof(mean), mean), Positive(nameof(sd), sd));

    /// <summary>Checks a log-normal: finite <paramref name="meanlog"/>, <paramref name="sdlog"/> finite and &gt; 0.</summary>
    /// <param name="meanlog">The mean of the logarithm.</param>
    /// <param name="sdlog">The standard deviation of the logarithm.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckLogNormal(double meanlog, double sdlog) =>
        Collect(Finite(nameof(meanlog), meanlog), Positive(nameof(sdlog), sdlog));

    /// <summary>Checks a uniform: finite bounds with <paramref name="lo"/> &lt; <paramref name="hi"/> and a finite width.</summary>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckUniform(double lo, double hi)
    {
        var loError = Finite(nameof(lo), lo);
        var hiError = Finite(nameof(hi), hi);
        ParameterError? order = null;
        if (loError is null && hiError is null)
        {
            if (!(lo < hi))
            {
                order = Ordered(lo, hi);
            }
            else if (double.IsInfinity(hi - lo))
            {
                order = new ParameterError(nameof(hi), $"the width hi - lo must be a finite number, got lo = {Format(lo)} and hi = {Format(hi)}");
            }
        }

        return Collect(loError, hiError, order);
    }

    /// <summary>Checks an exponential: <paramref name="rate"/> finite and &gt; 0.</summary>
    /// <param name="rate">The rate.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckExponential(double rate) => Collect(Positive(nameof(rate), rate));

    /// <summary>Checks a Weibull: <paramref name="shape"/> and <paramref name="scale"/> finite and &gt; 0.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="scale">The scale.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckWeibull(double shape, double scale) =>
        Collect(Positive(nameof(shape), shape), Positive(nameof(scale), scale));

    /// <summary>
    /// Checks a truncated normal: finite <paramref name="mean"/>, <paramref name="sd"/> finite and
    /// &gt; 0, <paramref name="lo"/> finite or -infinity, <paramref name="hi"/> finite or +infinity,
    /// and <paramref name="lo"/> &lt; <paramref name="hi"/>.
    /// </summary>
    /// <param name="mean">The mean of the untruncated normal.</param>
    /// <param name="sd">Its standard deviation.</param>
    /// <param name="lo">The lower bound.</param>
    /// <param name="hi">The upper bound.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckTruncatedNormal(double mean, double sd, double lo, double hi)
    {
        var loError = double.IsNaN(lo) || double.IsPositiveInfinity(lo)
            ? new ParameterError(nameof(lo), $"lo must be a finite number or -infinity, got {Format(lo)}")
            : (ParameterError?)null;
        var hiError = double.IsNaN(hi) || double.IsNegativeInfinity(hi)
            ? new ParameterError(nameof(hi), $"hi must be a finite number or +infinity, got {Format(hi)}")
            : (ParameterError?)null;
        var order = loError is null && hiError is null && !(lo < hi) ? Ordered(lo, hi) : (ParameterError?)null;
        return Collect(Finite(nameof(mean), mean), Positive(nameof(sd), sd), loError, hiError, order);
    }

    /// <summary>Checks a gamma: <paramref name="shape"/> and <paramref name="rate"/> finite and &gt; 0.</summary>
    /// <param name="shape">The shape.</param>
    /// <param name="rate">The rate.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckGamma(double shape, double rate) =>
        Collect(Positive(nameof(shape), shape), Positive(nameof(rate), rate));

    /// <summary>Checks a beta: shapes <paramref name="a"/> and <paramref name="b"/> finite and &gt; 0.</summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckBeta(double a, double b) =>
        Collect(Positive(nameof(a), a), Positive(nameof(b), b));

    /// <summary>Checks a Poisson: <paramref name="mean"/> finite, in [0, <see cref="MaxPoissonMean"/>].</summary>
    /// <param name="mean">The mean.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckPoisson(double mean) => Collect(CountMean(nameof(mean), mean));

    /// <summary>
    /// Checks a negative binomial: <paramref name="mean"/> finite, in [0, <see cref="MaxPoissonMean"/>];
    /// <paramref name="dispersion"/> (the size k, variance mean + mean^2/k) finite and &gt; 0.
    /// </summary>
    /// <param name="mean">The mean.</param>
    /// <param name="dispersion">The size k.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckNegativeBinomial(double mean, double dispersion) =>
        Collect(CountMean(nameof(mean), mean), Positive(nameof(dispersion), dispersion));

    /// <summary>Checks a binomial: <paramref name="n"/> in [0, <see cref="MaxBinomialTrials"/>], <paramref name="p"/> in [0, 1].</summary>
    /// <param name="n">The number of trials.</param>
    /// <param name="p">The probability of success.</param>
    /// <returns>The problems found; empty when valid.</returns>
    public static ImmutableArray<ParameterError> CheckBinomial(long n, double p)
    {
        var nError = n < 0
            ? new ParameterError(nameof(n), $"n must be a count of trials >= 0, got {n.ToString(CultureInfo.InvariantCulture)}")
            : n > MaxBinomialTrials
                ? new ParameterError(nameof(n), $"n must be at most {MaxBinomialTrials.ToString(CultureInfo.InvariantCulture)}, got {n.ToString(CultureInfo.InvariantCulture)}")
                : (ParameterError?)null;
        var pError = p >= 0.0 && p <= 1.0
            ? (ParameterError?)null
            : new ParameterError(nameof(p), $"p must be a probability between 0 and 1, got {Format(p)}");
        return Collect(nError, pError);
    }

    private static ParameterError? Finite(string name, double value) =>
        double.IsFinite(value) ? null : new ParameterError(name, $"{name} must be a finite number, got {Format(value)}");

    private static ParameterError? Positive(string name, double value) =>
        double.IsFinite(value) && value > 0.0
            ? null
            : new ParameterError(name, $"{name} must be a finite number greater than 0, got {Format(value)}");

    private static ParameterError? CountMean(string name, double value)
    {
        if (!(double.IsFinite(value) && value >= 0.0))
        {
            return new ParameterError(name, $"{name} must be a finite number >= 0, got {Format(value)}");
        }

        return value > MaxPoissonMean
            ? new ParameterError(name, $"{name} must be at most {Format(MaxPoissonMean)}, got {Format(value)}")
            : null;
    }

    private static ParameterError Ordered(double lo, double hi) =>
        new(nameof(lo), $"lo must be less than hi, got lo = {Format(lo)} and hi = {Format(hi)}");

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static ImmutableArray<ParameterError> Collect(params ReadOnlySpan<ParameterError?> errors)
    {
        var count = 0;
        foreach (var error in errors)
        {
            count += error is null ? 0 : 1;
        }

        if (count == 0)
        {
            return ImmutableArray<ParameterError>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<ParameterError>(count);
        foreach (var error in errors)
        {
            if (error is { } e)
            {
                builder.Add(e);
            }
        }

        return builder.MoveToImmutable();
    }
}
