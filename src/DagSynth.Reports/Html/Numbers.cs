using System.Globalization;
using DagSynth.Models;
using DagSynth.Reports.Statistics;
using DagSynth.Sampling;

namespace DagSynth.Reports.Html;

/// <summary>How numbers read in a report: invariant culture, fixed digits, the same text on every machine.</summary>
internal static class Numbers
{
    private const string NotAvailable = "n/a";

    /// <summary>A proportion as a percentage: <c>12.3%</c>, <c>0.45%</c>, <c>0.012%</c>; exactly 0 and 1 as <c>0%</c> and <c>100%</c>.</summary>
    public static string Percent(double p)
    {
        if (double.IsNaN(p))
        {
            return NotAvailable;
        }

        if (p == 0 || p == 1)
        {
            return p == 0 ? "0%" : "100%";
        }

        var pct = p * 100;
        var format = Math.Abs(pct) >= 1 ? "0.0" : Math.Abs(pct) >= 0.1 ? "0.00" : Math.Abs(pct) >= 0.01 ? "0.000" : "0.0000";
        var text = pct.ToString(format, CultureInfo.InvariantCulture);
        return (text is "0.0000" or "-0.0000" ? "<0.0001" : text) + "%";
    }

    /// <summary>An axis tick: as few decimals as it needs (<c>0.5</c>, <c>2</c>, <c>2.5</c>).</summary>
    public static string Tick(double x)
    {
        var text = x.ToString("#,0.######", CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>An axis tick of a share, as a percentage with as few decimals as it needs (<c>20%</c>, <c>2.5%</c>).</summary>
    public static string PercentTick(double p) => Tick(Math.Round(p * 100, 6)) + "%";

    /// <summary>An interval of proportions: <c>11.8–13.0%</c>.</summary>
    public static string PercentRange(ConfidenceInterval interval) =>
        interval.IsDefined ? $"{Percent(interval.Low).TrimEnd('%')}–{Percent(interval.High)}" : NotAvailable;

    /// <summary>A number to about <paramref name="digits"/> significant digits, without an exponent.</summary>
    public static string Significant(double x, int digits = 4)
    {
        if (double.IsNaN(x))
        {
            return NotAvailable;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "∞" : "−∞";
        }

        if (x == 0)
        {
            return "0";
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        var decimals = Math.Clamp(digits - 1 - magnitude, 0, 8);
        var rounded = Math.Round(x, decimals, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>A number with <paramref name="decimals"/> decimals (0 to 8), without an exponent: <c>0.5940</c>, <c>−0.120</c>.</summary>
    public static string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x))
        {
            return NotAvailable;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "∞" : "−∞";
        }

        var d = Math.Clamp(decimals, 0, 8);
        var text = Math.Round(x, d, MidpointRounding.AwayFromZero).ToString("N" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? (text.Trim('-', '0', '.', ',').Length == 0 ? text[1..] : "−" + text[1..]) : text;
    }

    /// <summary>Decimals that show a tenth of <paramref name="step"/>: 4 for 0.001, 3 for 0.02.</summary>
    public static int DecimalsFor(double step) =>
        step > 0 && double.IsFinite(step) ? Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9) + 1, 0, 8) : 4;

    /// <summary>A ratio (odds ratio, risk ratio): three significant digits.</summary>
    public static string Ratio(double x) => Significant(x, 3);

    /// <summary>A risk difference, signed, in percentage points: <c>+4.2 pts</c>.</summary>
    public static string Difference(double x)
    {
        if (double.IsNaN(x))
        {
            return NotAvailable;
        }

        var pts = x * 100;
        var text = Math.Abs(pts).ToString(Math.Abs(pts) >= 0.1 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        return (text is "0.0" or "0.00" ? "±" : pts > 0 ? "+" : "−") + text;
    }

    /// <summary>An interval of ratios: <c>1.52–2.31</c>.</summary>
    public static string RatioRange(ConfidenceInterval interval) =>
        interval.IsDefined ? $"{Ratio(interval.Low)}–{Ratio(interval.High)}" : NotAvailable;

    /// <summary>An interval of differences, in points: <c>+1.2 to +4.8</c>.</summary>
    public static string DifferenceRange(ConfidenceInterval interval) =>
        interval.IsDefined ? $"{Difference(interval.Low)} to {Difference(interval.High)}" : NotAvailable;

    /// <summary>A value of a numeric variable: a date as <c>yyyy-MM-dd</c>, a count or other number to 4 significant digits.</summary>
    public static string Value(Variable variable, double x) =>
        double.IsNaN(x) ? NotAvailable
        : variable.Kind == VariableKind.Date ? DataText.Date(Math.Round(x))
        : Significant(x, 4);

    /// <summary>A spread of a numeric variable: days for dates, else as <see cref="Significant"/>.</summary>
    public static string Spread(Variable variable, double x) =>
        double.IsNaN(x) ? NotAvailable : variable.Kind == VariableKind.Date ? $"{Significant(x, 3)} days" : Significant(x, 4);

    /// <summary>An interval of a numeric variable's mean.</summary>
    public static string ValueRange(Variable variable, ConfidenceInterval interval) =>
        interval.IsDefined ? $"{Value(variable, interval.Low)} to {Value(variable, interval.High)}" : NotAvailable;
}
