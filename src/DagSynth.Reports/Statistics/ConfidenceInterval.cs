namespace DagSynth.Reports.Statistics;

/// <summary>An estimate with its 95% confidence interval; NaN bounds when the interval is undefined.</summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
public readonly record struct ConfidenceInterval(double Estimate, double Low, double High)
{
    /// <summary>An undefined estimate.</summary>
    public static readonly ConfidenceInterval Undefined = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Whether both bounds are numbers.</summary>
    public bool IsDefined => !double.IsNaN(Low) && !double.IsNaN(High);

    /// <summary>Whether <paramref name="value"/> lies inside the interval (bounds included); false when either is undefined.</summary>
    public bool Contains(double value) => IsDefined && !double.IsNaN(value) && value >= Low && value <= High;
}
