namespace DagSynth.Reports.Statistics;

/// <summary>
/// The 95% confidence intervals the report uses: Wilson score for proportions, normal for means,
/// Woolf (log scale) for odds ratios, Katz (log scale) for risk ratios, Wald for risk differences.
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

    private static ConfidenceInterval LogScale(double ratio, double se)
    {
        // Math.Log and Math.Exp may differ in the last bit between platforms; the report prints 3-4
        // significant digits, far from that.
        var log = Math.Log(ratio);
        return new ConfidenceInterval(ratio, Math.Exp(log - (Z * se)), Math.Exp(log + (Z * se)));
    }
}
