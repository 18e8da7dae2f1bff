namespace DagSynth.Reports.Graphs;

/// <summary>
/// Estimated widths of text in the report's sans-serif font (Helvetica's advance widths, which Arial
/// and Liberation Sans share), so layouts need no font files and come out the same everywhere.
/// </summary>
internal static class TextMetrics
{
    /// <summary>Advance widths of ASCII 32 to 126, in thousandths of an em.</summary>
    private static readonly short[] Widths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
    ];

    /// <summary>The width of <paramref name="text"/> at <paramref name="fontSize"/> pixels; bold text is about 7% wider.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = 0.0;
        foreach (var c in text)
        {
            units += c is >= ' ' and <= '~' ? Widths[c - ' '] : 600;
        }

        return units / 1000 * fontSize * (bold ? 1.07 : 1.0);
    }
}
