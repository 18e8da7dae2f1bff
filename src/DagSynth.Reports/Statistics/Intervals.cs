namespace DagSynth.Reports.Statistics;

/// <summary>
/// The 95% confidence intervals the report uses: Wilson score for proportions, normal for means,
/// Woolf (log scale) for odds ratios, Katz (log scale) for risk ratios, Wald for risk differences;
/// for calibration targets also standard deviations (log scale, kurtosis-adjusted), correlations
/// (Fisher z) and AUCs (Hanley-McNeil).
/// </summary>
public static class Intervals
{
    /// <summary>The 97.5% quantile of the standard normal distribution.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>The Wilson score interval of <paramref name="successes"/> out of <paramref name="n"/>.</summary>
    public static ConfidenceInterval Proportion(long successes, long n)
    {
        if (n <= 0)
        {
            return ConfidenceInterval.Undefined;
        }

        var p = (double)successes / n;
        var denominator = 1 + (Z * Z / n);
        var centre = (p + (Z * Z / (2.0 * n))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4.0 * n * n))) / denominator;
        // At 0 or n successes the bound is exactly 0 or 1; the formula leaves a rounding residue.
        return new ConfidenceInterval(p, successes == 0 ? 0 : Math.Max(0, centre - half), successes == n ? 1 : Math.Min(1, centre + half));
    }

    /// <summary>The normal-approximation interval of a mean: mean ± z sd / sqrt(n).</summary>
    public static ConfidenceInterval Mean(double mean, double sd, long n)
    {
        if (n < 2 || double.IsNaN(sd))
        {
            return new ConfidenceInterval(mean, double.NaN, double.NaN);
        }

        var half = Z * sd / Math.Sqrt(n);
        return new ConfidenceInterval(mean, mean - half, mean + half);
    }

    /// <summary>
    /// The odds ratio of a 2x2 table with its Woolf interval, exp(log OR ± z sqrt(1/a + 1/b + 1/c + 1/d));
    /// undefined when a cell is 0.
    /// </summary>
    /// <param name="exposedEvents">a: exposed with the event.</param>
    /// <param name="exposedTotal">a + b.</param>
    /// <param name="referenceEvents">c: reference with the event.</param>
    /// <param name="referenceTotal">c + d.</param>
    public static ConfidenceInterval OddsRatio(long exposedEvents, long exposedTotal, long referenceEvents, long referenceTotal)
    {
        double a = exposedEvents, b = exposedTotal - exposedEvents, c = referenceEvents, d = referenceTotal - referenceEvents;
        if (a <= 0 || b <= 0 || c <= 0 || d <= 0)
        {
            return ConfidenceInterval.Undefined;
        }

        var or = a * d / (b * c);
        var se = Math.Sqrt((1 / a) + (1 / b) + (1 / c) + (1 / d));
        return LogScale(or, se);
    }

    /// <summary>The risk ratio with its Katz interval, exp(log RR ± z sqrt(1/a - 1/n1 + 1/c - 1/n0)); undefined when an event count is 0.</summary>
    public static ConfidenceInterval RiskRatio(long exposedEvents, long exposedTotal, long referenceEvents, long referenceTotal)
    {
        double a = exposedEvents, n1 = exposedTotal, c = referenceEvents, n0 = referenceTotal;
        if (a <= 0 || c <= 0 || n1 <= 0 || n0 <= 0)
        {
            return ConfidenceInterval.Undefined;
        }

        var rr = a / n1 / (c / n0);
        var se = Math.Sqrt((1 / a) - (1 / n1) + (1 / c) - (1 / n0));
        return LogScale(rr, se);
    }

    /// <summary>The risk difference with its Wald interval, p1 - p0 ± z sqrt(p1 q1 / n1 + p0 q0 / n0).</summary>
    public static ConfidenceInterval RiskDifference(long exposedEvents, long exposedTotal, long referenceEvents, long referenceTotal)
    {
        if (exposedTotal <= 0 || referenceTotal <= 0)
        {
            return ConfidenceInterval.Undefined;
        }

        var p1 = (double)exposedEvents / exposedTotal;
        var p0 = (double)referenceEvents / referenceTotal;
        var half = Z * Math.Sqrt((p1 * (1 - p1) / exposedTotal) + (p0 * (1 - p0) / referenceTotal));
        return new ConfidenceInterval(p1 - p0, p1 - p0 - half, p1 - p0 + half);
    }

    /// <summary>
    /// The sample standard deviation <paramref name="sd"/> (n - 1 denominator) with its interval on the log
    /// scale, exp(log s ± z se), se = sqrt((m4 / s^4 - (n - 3) / (n - 1)) / n) / 2, where m4 is the fourth
    /// central moment (n denominator): the large-sample variance of s^2, which does not assume normal data
    /// (for normal data m4 / s^4 is about 3 and se about 1 / sqrt(2n)). Undefined below 4 values.
    /// </summary>
    public static ConfidenceInterval StandardDeviation(double sd, double fourthMoment, long n)
    {
        if (n < 4 || !(sd > 0) || double.IsNaN(fourthMoment))
        {
            return new ConfidenceInterval(sd, double.NaN, double.NaN);
        }

        var s2 = sd * sd;
        var kurtosisTerm = (fourthMoment / (s2 * s2)) - ((n - 3.0) / (n - 1.0));
        var se = Math.Sqrt(Math.Max(0, kurtosisTerm) / n) / 2;
        return LogScale(sd, se);
    }

    /// <summary>Pearson's correlation <paramref name="r"/> of <paramref name="n"/> pairs with its Fisher z interval, tanh(atanh r ± z / sqrt(n - 3)); undefined below 4 pairs or at |r| = 1.</summary>
    public static ConfidenceInterval Correlation(double r, long n)
    {
        if (n < 4 || double.IsNaN(r) || Math.Abs(r) >= 1)
        {
            return new ConfidenceInterval(r, double.NaN, double.NaN);
        }

        var z = Math.Atanh(r);
        var half = Z / Math.Sqrt(n - 3.0);
        return new ConfidenceInterval(r, Math.Tanh(z - half), Math.Tanh(z + half));
    }

    /// <summary>
    /// An AUC with the Hanley-McNeil interval, auc ± z se (cut to 0 and 1), with
    /// se² = (A(1 - A) + (m - 1)(Q1 - A²) + (n - 1)(Q2 - A²)) / (m n), Q1 = A / (2 - A), Q2 = 2A² / (1 + A),
    /// m cases and n non-cases; undefined without both.
    /// </summary>
    public static ConfidenceInterval Auc(double auc, long cases, long controls)
    {
        if (cases <= 0 || controls <= 0 || double.IsNaN(auc))
        {
            return new ConfidenceInterval(auc, double.NaN, double.NaN);
        }

        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((cases - 1) * (q1 - (auc * auc))) + ((controls - 1) * (q2 - (auc * auc)))) / ((double)cases * controls);
        var half = Z * Math.Sqrt(Math.Max(0, variance));
        return new ConfidenceInterval(auc, Math.Max(0, auc - half), Math.Min(1, auc + half));
    }

    private static ConfidenceInterval LogScale(double ratio, double se)
    {
        // Math.Log and Math.Exp may differ in the last bit between platforms; the report prints 3-4
        // significant digits, far from that.
        var log = Math.Log(ratio);
        return new ConfidenceInterval(ratio, Math.Exp(log - (Z * se)), Math.Exp(log + (Z * se)));
    }
}
