using System.Globalization;

namespace DagSynth.Cli.Rendering;

/// <summary>How numbers read in tables for people (JSON writes them in full, round-trip).</summary>
internal static class Numbers
{
    /// <summary>A probability: "0" for exactly 0, six decimals from 1e-4 up, else three significant digits in E notation.</summary>
    public static string Probability(double p) => p switch
    {
        double.NaN => "n/a",
        0 => "0",
        >= 1e-4 => p.ToString("0.######", CultureInfo.InvariantCulture),
        _ => p.ToString("0.##E+00", CultureInfo.InvariantCulture),
    };

    /// <summary>A ratio (odds or risk ratio): four significant digits; "inf" or "n/a" when undefined.</summary>
    public static string Ratio(double r) =>
        double.IsNaN(r) ? "n/a" : double.IsInfinity(r) ? "inf" : r.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A signed difference of probabilities: "+0.11", "-0.0213", "0".</summary>
    public static string Difference(double d) =>
        double.IsNaN(d) ? "n/a" : d == 0 ? "0" : (d > 0 ? "+" : "-") + Probability(Math.Abs(d));

    /// <summary>Information in bits: four decimals ("0" for exactly 0).</summary>
    public static string Bits(double b) => b == 0 ? "0" : b.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A value of a numeric variable: dates as dates, others with up to four significant decimals.</summary>
    public static string Value(DagSynth.Models.Variable? variable, double x) =>
        variable?.Kind == DagSynth.Models.VariableKind.Date
            ? DagSynth.Sampling.DataText.Date(Math.Round(x))
            : double.IsNaN(x) ? "n/a" : x.ToString(Math.Abs(x) >= 1000 ? "0.#" : "0.####", CultureInfo.InvariantCulture);

    /// <summary>A bar of up to <paramref name="width"/> blocks for a probability.</summary>
    public static string Bar(double p, int width = 20)
    {
        var cells = (int)Math.Round(p * width * 8);
        var full = cells / 8;
        var part = cells % 8;
        const string Partials = " ▏▎▍▌▋▊▉";
        return new string('█', full) + (part > 0 ? new string(Partials[part], 1) : string.Empty);
    }
}
