using System.Globalization;
using System.Text;
using DagSynth.Models;
using DagSynth.Reports.Content;
using DagSynth.Reports.Graphs;
using DagSynth.Reports.Statistics;
using static DagSynth.Reports.Html.Markup;

namespace DagSynth.Reports.Html;

/// <summary>
/// The report's charts, hand-written SVG: each with a title and a description for screen readers,
/// axis labels, and shapes (not only colours) that tell declared from generated, so they read in
/// grey when printed.
/// </summary>
internal static class Charts
{
    /// <summary>Generated data: bars and squares.</summary>
    public const string AchievedColour = "#0072B2";

    /// <summary>Declared values: open diamonds and lines.</summary>
    public const string DeclaredColour = "#1A1A1A";

    /// <summary>Values outside their interval.</summary>
    public const string FlagColour = "#C2410C";

    private const double Width = 460;

    /// <summary>Bars of the generated share of each level with 95% intervals, and a diamond at the declared probability.</summary>
    public static string Levels(string id, DiscreteSection section)
    {
        var v = section.Variable;
        var labelWidth = Math.Min(150, section.Levels.Max(l => TextMetrics.Width(l.Level, 12)) + 8);
        var x0 = labelWidth + 10;
        var x1 = Width - 26;
        const double Top = 8, RowHeight = 24;
        var plotBottom = Top + (section.Levels.Length * RowHeight);
        var height = plotBottom + 62;
        var highest = section.Levels.Max(l => Math.Max(l.Achieved.IsDefined ? l.Achieved.High : 0, double.IsNaN(l.Declared) ? 0 : l.Declared));
        var step = Axis.NiceStep(Math.Max(highest, 0.01), 5);
        var xmax = Math.Max(step, Math.Ceiling((highest / step) - 1e-9) * step);
        double X(double p) => x0 + ((x1 - x0) * Math.Clamp(p, 0, xmax) / xmax);

        var method = section.Method == DeclaredMethod.Exact ? "exact" : "simulated";
        var desc = new StringBuilder($"Share of rows at each level of {v.Name}, generated with 95% intervals, against the declared probability ({method}). ");
        foreach (var l in section.Levels)
        {
            desc.Append(CultureInfo.InvariantCulture, $"{l.Level}: declared {Numbers.Percent(l.Declared)}, generated {Numbers.Percent(l.Achieved.Estimate)} ({Numbers.PercentRange(l.Achieved)}){(l.Flagged ? ", outside the interval" : string.Empty)}. ");
        }

        var sb = Open(id, Width, height, $"Distribution of {v.Name}: declared against generated", desc.ToString().TrimEnd());
        Grid(sb, Axis.Ticks(0, xmax, step), X, Top, plotBottom, vertical: true);
        for (var i = 0; i < section.Levels.Length; i++)
        {
            var l = section.Levels[i];
            var y = Top + (i * RowHeight);
            var mid = y + (RowHeight / 2);
            sb.Append("<text x=\"").Append(Px(labelWidth)).Append("\" y=\"").Append(Px(mid + 4)).Append("\" text-anchor=\"end\" font-size=\"12\">")
                .Append(Escape(Clip(l.Level, labelWidth - 4, 12))).Append("</text>");
            if (l.Achieved.IsDefined)
            {
                sb.Append("<rect x=\"").Append(Px(x0)).Append("\" y=\"").Append(Px(mid - 7)).Append("\" width=\"").Append(Px(X(l.Achieved.Estimate) - x0))
                    .Append("\" height=\"14\" fill=\"").Append(AchievedColour).Append("\" fill-opacity=\"0.78\"/>");
                Whisker(sb, X(l.Achieved.Low), X(l.Achieved.High), mid, horizontal: true);
            }

            if (!double.IsNaN(l.Declared))
            {
                Diamond(sb, X(l.Declared), mid, l.Flagged);
            }

            if (l.Flagged)
            {
                FlagMark(sb, x1 + 14, mid);
            }

            sb.Append('\n');
        }

        XAxis(sb, Axis.Ticks(0, xmax, step), X, plotBottom, Numbers.PercentTick, "share of rows", x0, x1);
        Legend(sb, height - 14, x0, "generated (95% interval)", $"declared ({method})", line: false);
        return Close(sb);
    }

    /// <summary>A histogram of the generated values, with the declared (simulated) distribution drawn over it as a line.</summary>
    public static string Histogram(string id, NumericSection section)
    {
        var v = section.Variable;
        var achieved = section.Achieved.Sorted;
        var declared = section.Declared.Sorted;
        var lo = Math.Min(Quantile(achieved, 0.001), Quantile(declared, 0.001));
        var hi = Math.Max(Quantile(achieved, 0.999), Quantile(declared, 0.999));
        double binWidth, start;
        int bins;
        if (double.IsNaN(lo) || double.IsNaN(hi))
        {
            (lo, hi) = (0, 1);
        }

        if (v.Kind == VariableKind.Count && hi - lo <= 40)
        {
            binWidth = 1;
            start = Math.Floor(lo) - 0.5;
            bins = (int)(Math.Ceiling(hi) - Math.Floor(lo)) + 1;
        }
        else if (hi <= lo)
        {
            binWidth = 1;
            start = lo - 0.5;
            bins = 1;
        }
        else
        {
            binWidth = Axis.NiceStep(hi - lo, 30);
            start = Math.Floor(lo / binWidth) * binWidth;
            bins = Math.Max(1, (int)Math.Ceiling(((hi - start) / binWidth) - 1e-9));
            if (start + (bins * binWidth) <= hi)
            {
                bins++;
            }
        }

        var end = start + (bins * binWidth);
        var a = Bin(achieved, start, binWidth, bins);
        var d = Bin(declared, start, binWidth, bins);
        var top = Math.Max(a.DefaultIfEmpty(0).Max(), d.DefaultIfEmpty(0).Max());
        var yStep = Axis.NiceStep(Math.Max(top, 0.001), 4);
        var ymax = Math.Max(yStep, Math.Ceiling((top / yStep) - 1e-9) * yStep);
        const double X0 = 52, X1 = Width - 14, Top = 10, Bottom = 170;
        var height = Bottom + 68;
        double X(double x) => X0 + ((X1 - X0) * (x - start) / (end - start));
        double Y(double f) => Bottom - ((Bottom - Top) * f / ymax);

        var unit = v.Unit is { } u ? $" ({u})" : string.Empty;
        var desc = string.Create(
            CultureInfo.InvariantCulture,
            $"Histogram of {v.Name}{unit}: generated mean {Numbers.Value(v, section.Achieved.Mean.Estimate)} (95% interval {Numbers.ValueRange(v, section.Achieved.Mean)}), declared mean {Numbers.Value(v, section.Declared.Mean.Estimate)} (simulated){(section.Flagged ? ", outside the interval" : string.Empty)}; generated median {Numbers.Value(v, section.Achieved.Quantiles[3])}, declared median {Numbers.Value(v, section.Declared.Quantiles[3])}.");
        var sb = Open(id, Width, height, $"Distribution of {v.Name}: declared against generated", desc);
        var yTicks = Axis.Ticks(0, ymax, yStep);
        Grid(sb, yTicks, Y, X0, X1, vertical: false);
        foreach (var t in yTicks)
        {
            sb.Append("<text x=\"").Append(Px(X0 - 6)).Append("\" y=\"").Append(Px(Y(t) + 4)).Append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#4D4D4D\">")
                .Append(Escape(Numbers.PercentTick(t))).Append("</text>");
        }

        sb.Append("<g fill=\"").Append(AchievedColour).Append("\" fill-opacity=\"0.78\" stroke=\"#FFFFFF\" stroke-width=\"0.6\">");
        for (var b = 0; b < bins; b++)
        {
            if (a[b] > 0)
            {
                sb.Append("<rect x=\"").Append(Px(X(start + (b * binWidth)))).Append("\" y=\"").Append(Px(Y(a[b])))
                    .Append("\" width=\"").Append(Px(X(start + ((b + 1) * binWidth)) - X(start + (b * binWidth)))).Append("\" height=\"").Append(Px(Bottom - Y(a[b]))).Append("\"/>");
            }
        }

        sb.Append("</g>\n");
        if (declared.Length > 0)
        {
            sb.Append("<path d=\"M").Append(Px(X(start))).Append(',').Append(Px(Bottom));
            for (var b = 0; b < bins; b++)
            {
                sb.Append(" V").Append(Px(Y(d[b]))).Append(" H").Append(Px(X(start + ((b + 1) * binWidth))));
            }

            sb.Append(" V").Append(Px(Bottom)).Append("\" fill=\"none\" stroke=\"").Append(DeclaredColour).Append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/>\n");
        }

        var xStep = v.Kind == VariableKind.Date ? DateStep(end - start) : Axis.NiceStep(end - start, 6);
        var xTicks = Axis.Ticks(start, end, xStep);
        if (v.Kind == VariableKind.Count && binWidth == 1)
        {
            xTicks = [.. xTicks.Where(t => Math.Abs(t - Math.Round(t)) < 1e-9)];
        }

        XAxis(sb, xTicks, X, Bottom, t => v.Kind == VariableKind.Date ? DateTick(t, xStep) : Numbers.Tick(t), v.Name + unit, X0, X1);
        Legend(sb, height - 14, X0, "generated", "declared (simulated)", line: true);
        return Close(sb);
    }

    /// <summary>Odds ratios on a log scale: generated with 95% intervals (squares), declared (diamonds).</summary>
    public static string Forest(string id, OutcomeSection section)
    {
        var rows = section.Contrasts;
        var labelWidth = Math.Min(230, rows.Max(r => TextMetrics.Width(r.Label, 12)) + 8);
        var x0 = labelWidth + 12;
        const double ForestWidth = 680;
        var x1 = ForestWidth - 26;
        const double Top = 8, RowHeight = 22;
        var plotBottom = Top + (rows.Length * RowHeight);
        var height = plotBottom + 62;
        var values = rows.SelectMany(r => new[] { r.OddsRatio.Declared, r.OddsRatio.Achieved.Low, r.OddsRatio.Achieved.High, r.OddsRatio.Achieved.Estimate })
            .Where(x => double.IsFinite(x) && x > 0).Append(1.0).ToList();
        var lo = Math.Log2(values.Min()) - 0.25;
        var hi = Math.Log2(values.Max()) + 0.25;
        double X(double ratio) => x0 + ((x1 - x0) * (Math.Clamp(Math.Log2(ratio), lo, hi) - lo) / (hi - lo));

        var method = section.Method == DeclaredMethod.Exact ? "exact" : "simulated";
        var desc = new StringBuilder($"Odds ratios of {section.Event} for each exposure level against its reference, generated with 95% intervals, against the declared odds ratio ({method}). ");
        foreach (var r in rows)
        {
            desc.Append(CultureInfo.InvariantCulture, $"{r.Label}: declared {Numbers.Ratio(r.OddsRatio.Declared)}, generated {Numbers.Ratio(r.OddsRatio.Achieved.Estimate)} ({Numbers.RatioRange(r.OddsRatio.Achieved)}){(r.OddsRatio.Flagged ? ", outside the interval" : string.Empty)}. ");
        }

        var sb = Open(id, ForestWidth, height, $"Odds ratios for {section.Event}: declared against generated", desc.ToString().TrimEnd());
        var powers = PowerTicks(lo, hi);
        Grid(sb, powers, X, Top, plotBottom, vertical: true);
        sb.Append("<line x1=\"").Append(Px(X(1))).Append("\" y1=\"").Append(Px(Top)).Append("\" x2=\"").Append(Px(X(1))).Append("\" y2=\"").Append(Px(plotBottom))
            .Append("\" stroke=\"#4D4D4D\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n");
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var mid = Top + (i * RowHeight) + (RowHeight / 2);
            sb.Append("<text x=\"").Append(Px(labelWidth)).Append("\" y=\"").Append(Px(mid + 4)).Append("\" text-anchor=\"end\" font-size=\"12\">")
                .Append(Escape(Clip(r.Label, labelWidth - 4, 12))).Append("</text>");
            var ci = r.OddsRatio.Achieved;
            if (ci.IsDefined)
            {
                sb.Append("<line x1=\"").Append(Px(X(ci.Low))).Append("\" y1=\"").Append(Px(mid)).Append("\" x2=\"").Append(Px(X(ci.High))).Append("\" y2=\"").Append(Px(mid))
                    .Append("\" stroke=\"").Append(AchievedColour).Append("\" stroke-width=\"2\"/>");
                sb.Append("<rect x=\"").Append(Px(X(ci.Estimate) - 4)).Append("\" y=\"").Append(Px(mid - 4)).Append("\" width=\"8\" height=\"8\" fill=\"").Append(AchievedColour).Append("\"/>");
            }
            else
            {
                sb.Append("<text x=\"").Append(Px(x1)).Append("\" y=\"").Append(Px(mid + 4)).Append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#4D4D4D\">no interval (an empty cell)</text>");
            }

            if (double.IsFinite(r.OddsRatio.Declared) && r.OddsRatio.Declared > 0)
            {
                Diamond(sb, X(r.OddsRatio.Declared), mid, r.OddsRatio.Flagged);
            }

            if (r.OddsRatio.Flagged)
            {
                FlagMark(sb, x1 + 14, mid);
            }

            sb.Append('\n');
        }

        XAxis(sb, powers, X, plotBottom, Numbers.Tick, "odds ratio (log scale)", x0, x1);
        Legend(sb, height - 14, x0, "generated (95% interval)", $"declared ({method})", line: false, square: true);
        return Close(sb);
    }

    private static StringBuilder Open(string id, double width, double height, string title, string description)
    {
        var sb = new StringBuilder(2048);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").Append(Px(width)).Append(' ').Append(Px(height))
            .Append("\" width=\"").Append(Px(width)).Append("\" height=\"").Append(Px(height))
            .Append("\" role=\"img\" aria-labelledby=\"").Append(id).Append("-t ").Append(id).Append("-d\" font-family=\"").Append(Escape(DagSvg.FontFamily)).Append("\" fill=\"#1A1A1A\">\n");
        sb.Append("<title id=\"").Append(id).Append("-t\">").Append(Escape(title)).Append("</title>\n");
        sb.Append("<desc id=\"").Append(id).Append("-d\">").Append(Escape(description)).Append("</desc>\n");
        return sb;
    }

    private static string Close(StringBuilder sb) => sb.Append("</svg>").ToString();

    private static void Grid(StringBuilder sb, List<double> ticks, Func<double, double> at, double from, double to, bool vertical)
    {
        sb.Append("<g stroke=\"#E3E3E3\" stroke-width=\"1\">");
        foreach (var t in ticks)
        {
            var p = Px(at(t));
            sb.Append(vertical
                ? $"<line x1=\"{p}\" y1=\"{Px(from)}\" x2=\"{p}\" y2=\"{Px(to)}\"/>"
                : $"<line x1=\"{Px(from)}\" y1=\"{p}\" x2=\"{Px(to)}\" y2=\"{p}\"/>");
        }

        sb.Append("</g>\n");
    }

    private static void XAxis(StringBuilder sb, List<double> ticks, Func<double, double> at, double y, Func<double, string> label, string title, double x0, double x1)
    {
        sb.Append("<line x1=\"").Append(Px(x0)).Append("\" y1=\"").Append(Px(y)).Append("\" x2=\"").Append(Px(x1)).Append("\" y2=\"").Append(Px(y)).Append("\" stroke=\"#4D4D4D\"/>");
        sb.Append("<g font-size=\"11\" fill=\"#4D4D4D\" text-anchor=\"middle\">");
        var lastRight = double.NegativeInfinity;
        foreach (var t in ticks)
        {
            var x = at(t);
            var text = label(t);
            var half = TextMetrics.Width(text, 11) / 2;
            sb.Append("<line x1=\"").Append(Px(x)).Append("\" y1=\"").Append(Px(y)).Append("\" x2=\"").Append(Px(x)).Append("\" y2=\"").Append(Px(y + 4)).Append("\" stroke=\"#4D4D4D\"/>");
            if (x - half > lastRight + 4)
            {
                sb.Append("<text x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y + 16)).Append("\">").Append(Escape(text)).Append("</text>");
                lastRight = x + half;
            }
        }

        sb.Append("</g>\n<text x=\"").Append(Px((x0 + x1) / 2)).Append("\" y=\"").Append(Px(y + 32)).Append("\" text-anchor=\"middle\" font-size=\"12\">")
            .Append(Escape(title)).Append("</text>\n");
    }

    private static void Legend(StringBuilder sb, double y, double x, string achieved, string declared, bool line, bool square = false)
    {
        sb.Append("<g font-size=\"11\" fill=\"#333333\">");
        if (square)
        {
            sb.Append("<line x1=\"").Append(Px(x)).Append("\" y1=\"").Append(Px(y - 4)).Append("\" x2=\"").Append(Px(x + 18)).Append("\" y2=\"").Append(Px(y - 4)).Append("\" stroke=\"").Append(AchievedColour).Append("\" stroke-width=\"2\"/>");
            sb.Append("<rect x=\"").Append(Px(x + 5)).Append("\" y=\"").Append(Px(y - 8)).Append("\" width=\"8\" height=\"8\" fill=\"").Append(AchievedColour).Append("\"/>");
        }
        else
        {
            sb.Append("<rect x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y - 10)).Append("\" width=\"18\" height=\"11\" fill=\"").Append(AchievedColour).Append("\" fill-opacity=\"0.78\"/>");
        }

        sb.Append("<text x=\"").Append(Px(x + 24)).Append("\" y=\"").Append(Px(y)).Append("\">").Append(Escape(achieved)).Append("</text>");
        var x2 = x + 24 + TextMetrics.Width(achieved, 11) + 18;
        if (line)
        {
            sb.Append("<path d=\"M").Append(Px(x2)).Append(',').Append(Px(y)).Append(" V").Append(Px(y - 9)).Append(" H").Append(Px(x2 + 18)).Append(" V").Append(Px(y))
                .Append("\" fill=\"none\" stroke=\"").Append(DeclaredColour).Append("\" stroke-width=\"1.8\"/>");
        }
        else
        {
            Diamond(sb, x2 + 9, y - 4, flagged: false);
        }

        sb.Append("<text x=\"").Append(Px(x2 + 24)).Append("\" y=\"").Append(Px(y)).Append("\">").Append(Escape(declared)).Append("</text></g>\n");
    }

    private static void Whisker(StringBuilder sb, double from, double to, double at, bool horizontal)
    {
        if (horizontal)
        {
            sb.Append("<path d=\"M").Append(Px(from)).Append(',').Append(Px(at - 4)).Append(" V").Append(Px(at + 4)).Append(" M").Append(Px(from)).Append(',').Append(Px(at))
                .Append(" H").Append(Px(to)).Append(" M").Append(Px(to)).Append(',').Append(Px(at - 4)).Append(" V").Append(Px(at + 4))
                .Append("\" stroke=\"#0B3C5D\" stroke-width=\"1.5\" fill=\"none\"/>");
        }
    }

    private static void Diamond(StringBuilder sb, double x, double y, bool flagged)
    {
        const double R = 5.5;
        sb.Append("<path d=\"M").Append(Px(x)).Append(',').Append(Px(y - R)).Append(" L").Append(Px(x + R)).Append(',').Append(Px(y))
            .Append(" L").Append(Px(x)).Append(',').Append(Px(y + R)).Append(" L").Append(Px(x - R)).Append(',').Append(Px(y)).Append(" Z\" fill=\"")
            .Append(flagged ? FlagColour : "#FFFFFF").Append("\" stroke=\"").Append(flagged ? FlagColour : DeclaredColour).Append("\" stroke-width=\"1.8\"/>");
    }

    private static void FlagMark(StringBuilder sb, double x, double y)
    {
        sb.Append("<circle cx=\"").Append(Px(x)).Append("\" cy=\"").Append(Px(y)).Append("\" r=\"7\" fill=\"").Append(FlagColour).Append("\"/>")
            .Append("<text x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y + 4)).Append("\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"#FFFFFF\">!</text>");
    }

    private static string Clip(string text, double width, double fontSize)
    {
        if (TextMetrics.Width(text, fontSize) <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && TextMetrics.Width(text[..length] + "…", fontSize) > width)
        {
            length--;
        }

        return text[..length] + "…";
    }

    private static double Quantile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : NumericSummary.Quantile(sorted, p);

    private static double[] Bin(double[] sorted, double start, double width, int bins)
    {
        var shares = new double[bins];
        if (sorted.Length == 0)
        {
            return shares;
        }

        var counts = new long[bins];
        foreach (var x in sorted)
        {
            var b = (long)Math.Floor((x - start) / width);
            if (b >= 0 && b < bins)
            {
                counts[b]++;
            }
        }

        for (var b = 0; b < bins; b++)
        {
            shares[b] = (double)counts[b] / sorted.Length;
        }

        return shares;
    }

    private static List<double> PowerTicks(double lo, double hi)
    {
        var span = hi - lo;
        var step = span > 12 ? 3.321928094887362 * Math.Ceiling(span / 3.321928094887362 / 8) : Math.Max(1, Math.Ceiling(span / 8));
        var ticks = new List<double>();
        for (var k = Math.Ceiling(lo / step) * step; k <= hi + 1e-9; k += step)
        {
            var ratio = span > 12 ? Math.Pow(10, Math.Round(k / 3.321928094887362)) : Math.Pow(2, Math.Round(k));
            if (!ticks.Contains(ratio))
            {
                ticks.Add(ratio);
            }
        }

        return ticks;
    }

    private static double DateStep(double days) =>
        days > 365 * 8 ? 365.2425 * Axis.NiceStep(days / 365.2425, 6) : days > 120 ? 30.436875 * Math.Max(1, Math.Round(days / 30.436875 / 6)) : Axis.NiceStep(days, 6);

    private static string DateTick(double days, double step)
    {
        var date = Sampling.DataText.ToDate(Math.Round(days));
        return step >= 365 ? date.Year.ToString(CultureInfo.InvariantCulture) : step >= 28 ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
