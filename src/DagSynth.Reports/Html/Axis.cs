namespace DagSynth.Reports.Html;

/// <summary>Nice axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten.</summary>
internal static class Axis
{
    /// <summary>A step near <paramref name="span"/> / <paramref name="count"/> that reads well.</summary>
    public static double NiceStep(double span, int count)
    {
        if (!(span > 0) || double.IsInfinity(span))
        {
            return 1;
        }

        var raw = span / Math.Max(1, count);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (m * power >= raw * 0.999)
            {
                return m * power;
            }
        }

        return 10 * power;
    }

    /// <summary>Ticks from the first multiple of the step at or above <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static List<double> Ticks(double min, double max, double step)
    {
        var ticks = new List<double>();
        if (!(step > 0))
        {
            return ticks;
        }

        var first = Math.Ceiling((min / step) - 1e-9);
        for (var k = first; (k * step) <= max + (step * 1e-9) && ticks.Count < 100; k++)
        {
            var t = Math.Round(k * step, 12);
            ticks.Add(t == 0 ? 0 : t);
        }

        return ticks;
    }
}
