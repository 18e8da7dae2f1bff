using System.Globalization;

namespace DagSynth.Calibration;

/// <summary>
/// The text <c>fit</c> or <c>fit(START)</c> written in place of a number: a free number for
/// calibration, with an optional start value.
/// </summary>
internal static class FitToken
{
    /// <summary>The word that marks a free number.</summary>
    public const string Word = "fit";

    /// <summary>
    /// Whether <paramref name="text"/> is a fit token. <paramref name="start"/> is its start value
    /// when written <c>fit(START)</c>; <paramref name="malformed"/> is set for <c>fit(...)</c> whose
    /// parentheses do not hold one number.
    /// </summary>
    public static bool Is(string? text, out double? start, out bool malformed)
    {
        start = null;
        malformed = false;
        if (text is null)
        {
            return false;
        }

        var t = text.AsSpan().Trim();
        if (t.SequenceEqual(Word))
        {
            return true;
        }

        if (!t.StartsWith(Word, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = t[Word.Length..].TrimStart();
        if (rest.Length == 0 || rest[0] != '(')
        {
            return false;
        }

        if (rest[^1] != ')')
        {
            malformed = true;
            return true;
        }

        var inner = rest[1..^1].Trim();
        if (double.TryParse(inner, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            start = value;
        }
        else
        {
            malformed = true;
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a fit token (well formed or not).</summary>
    public static bool Is(string? text) => Is(text, out _, out _);

    /// <summary>A number written so that reading it back gives the same double.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
