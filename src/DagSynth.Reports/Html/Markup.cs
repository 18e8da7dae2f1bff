using System.Globalization;
using System.Text;

namespace DagSynth.Reports.Html;

/// <summary>Escaping and invariant number formatting for HTML and SVG text.</summary>
internal static class Markup
{
    /// <summary>Escapes text for HTML and XML content and attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var needs = false;
        foreach (var c in text)
        {
            if (c is '<' or '>' or '&' or '"' or '\'')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A coordinate: at most one decimal, no exponent, <c>-0</c> written as <c>0</c>.</summary>
    public static string Px(double value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    /// <summary>A whole number with thousands separators (<c>12,345</c>).</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
