using System.Globalization;

namespace DagSynth.Tests.Distributions;

/// <summary>Assertions on floating-point accuracy.</summary>
internal static class Accuracy
{
    /// <summary>The distance in units in the last place between two finite doubles of the same sign.</summary>
    public static long Ulps(double a, double b)
    {
        if (a == b)
        {
            return 0;
        }

        return Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));
    }

    /// <summary>|actual - expected| &lt;= tolerance |expected|.</summary>
    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):G3} > {tolerance:G3})"));
    }

    /// <summary>|actual - expected| &lt;= tolerance max(1, |expected|): relative for large values, absolute near 0.</summary>
    public static void Mixed(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance * Math.Max(1.0, Math.Abs(expected)),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (error {error:G3} > {tolerance:G3} max(1, |expected|))"));
    }
}
