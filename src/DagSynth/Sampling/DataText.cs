using System.Globalization;

namespace DagSynth.Sampling;

/// <summary>How numeric cells read as text, shared by messages and writers.</summary>
public static class DataText
{
    private static readonly DateOnly Epoch = DateOnly.FromDateTime(DateTime.UnixEpoch);

    /// <summary>A day number (days since 1970-01-01) as <c>yyyy-MM-dd</c>.</summary>
    public static string Date(double days) =>
        double.IsFinite(days) && Math.Abs(days) < 2_900_000
            ? Epoch.AddDays((int)days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : days.ToString(CultureInfo.InvariantCulture);

    /// <summary>The date of a day number.</summary>
    public static DateOnly ToDate(double days) => Epoch.AddDays((int)days);
}
