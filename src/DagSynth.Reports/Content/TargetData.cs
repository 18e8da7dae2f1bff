using DagSynth.Calibration;
using DagSynth.Inference;
using DagSynth.Models;
using DagSynth.Reports.Data;
using DagSynth.Reports.Statistics;

namespace DagSynth.Reports.Content;

/// <summary>What the data show about one calibration target.</summary>
/// <param name="Value">The estimate in the data with its 95% interval (undefined when not measured).</param>
/// <param name="Rows">The rows it is computed from: those in the stratum with every variable it reads observed.</param>
/// <param name="Comparable">Whether the requested value may be compared with the interval (not for a causal target, or one not measured).</param>
/// <param name="Note">Why the data's value is not the target's own, or why there is none.</param>
internal sealed record DataMeasure(ConfidenceInterval Value, long Rows, bool Comparable, string? Note)
{
    /// <summary>Whether the requested value lies inside the data's interval; null when they cannot be compared.</summary>
    public bool? Contains(double requested) => Comparable && Value.IsDefined ? Value.Contains(requested) : null;
}

/// <summary>
/// Measures a calibration target in a dataset: within the target's stratum (<c>given</c>), missing
/// cells left out, each with its 95% interval (see <see cref="Intervals"/>): a prevalence with Wilson's,
/// a mean with the normal one, a standard deviation on the log scale, crude odds ratios, risk ratios
/// and risk differences from the 2x2 table (Woolf, Katz, Wald), a correlation with Fisher's z, an
/// AUC with Hanley and McNeil's standard error.
/// </summary>
internal static class TargetData
{
    /// <summary>The note of a causal association: the data show the crude one.</summary>
    public const string CrudeNote = "crude in data; causal target checked on the model";

    /// <summary>
    /// Measures <paramref name="target"/> in <paramref name="data"/>. An AUC needs each row's risk given
    /// the outcome's parents, read from the exact part's table (<paramref name="part"/>); an AUC outside
    /// the exact part is not measured.
    /// </summary>
    public static DataMeasure Measure(Target target, Dataset data, DiscretePart part)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(part);
        var model = data.Model;
        var read = new List<int> { target.Variable };
        if (target.Other >= 0)
        {
            read.Add(target.Other);
        }

        read.AddRange(target.Given.Select(g => g.Variable));
        if (read.FirstOrDefault(v => !data.Has(v), -1) is var absent and >= 0)
        {
            return NotMeasured($"not measured in data: '{model.Variables[absent].Name}' is not in it");
        }

        var stratum = Stratum(target, data);
        return target.Kind switch
        {
            TargetKind.Probability => Probability(target, data, stratum),
            TargetKind.Mean or TargetKind.StandardDeviation => Moment(target, data, stratum),
            TargetKind.OddsRatio or TargetKind.RiskRatio or TargetKind.RiskDifference => Association(target, data, stratum),
            TargetKind.Correlation => Correlation(target, data, stratum),
            _ => Auc(target, data, stratum, part),
        };
    }

    private static DataMeasure NotMeasured(string note) => new(ConfidenceInterval.Undefined, 0, false, note);

    /// <summary>For each row, whether it is in the target's stratum (a missing stratum cell leaves the row out).</summary>
    private static bool[] Stratum(Target target, Dataset data)
    {
        var inside = new bool[data.Rows];
        Array.Fill(inside, true);
        foreach (var condition in target.Given)
        {
            var codes = data.Codes(condition.Variable);
            for (var i = 0; i < codes.Length; i++)
            {
                inside[i] &= codes[i] != Dataset.MissingCode && condition.Levels.Contains(codes[i]);
            }
        }

        return inside;
    }

    private static DataMeasure Probability(Target target, Dataset data, bool[] stratum)
    {
        var codes = data.Codes(target.Variable);
        long events = 0, rows = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            if (stratum[i] && codes[i] != Dataset.MissingCode)
            {
                rows++;
                events += codes[i] == target.Level ? 1 : 0;
            }
        }

        return rows == 0 ? NotMeasured("no row of the data is in the stratum") : new(Intervals.Proportion(events, rows), rows, true, null);
    }

    private static DataMeasure Moment(Target target, Dataset data, bool[] stratum)
    {
        var all = data.Values(target.Variable);
        var values = new List<double>();
        for (var i = 0; i < all.Length; i++)
        {
            if (stratum[i] && !double.IsNaN(all[i]))
            {
                values.Add(all[i]);
            }
        }

        if (values.Count == 0)
        {
            return NotMeasured("no row of the data is in the stratum");
        }

        var summary = NumericSummary.Of([.. values]);
        if (target.Kind == TargetKind.Mean)
        {
            return new(summary.Mean, summary.Count, true, null);
        }

        var mean = summary.Mean.Estimate;
        var fourth = 0.0;
        foreach (var x in summary.Sorted)
        {
            var d = (x - mean) * (x - mean);
            fourth += d * d;
        }

        return new(Intervals.StandardDeviation(summary.StandardDeviation, fourth / summary.Count, summary.Count), summary.Count, true, null);
    }

    private static DataMeasure Association(Target target, Dataset data, bool[] stratum)
    {
        var exposure = data.Codes(target.Other);
        var outcome = data.Codes(target.Variable);
        long a = 0, n1 = 0, c = 0, n0 = 0;
        for (var i = 0; i < exposure.Length; i++)
        {
            if (!stratum[i] || outcome[i] == Dataset.MissingCode)
            {
                continue;
            }

            var events = outcome[i] == target.Level ? 1 : 0;
            if (exposure[i] == target.ExposedLevel)
            {
                n1++;
                a += events;
            }
            else if (exposure[i] == target.ReferenceLevel)
            {
                n0++;
                c += events;
            }
        }

        if (n1 == 0 || n0 == 0)
        {
            return NotMeasured(n1 + n0 == 0 ? "no row of the data is in the stratum" : "not measured in data: a group it compares has no rows");
        }

        var interval = target.Kind switch
        {
            TargetKind.OddsRatio => Intervals.OddsRatio(a, n1, c, n0),
            TargetKind.RiskRatio => Intervals.RiskRatio(a, n1, c, n0),
            _ => Intervals.RiskDifference(a, n1, c, n0),
        };
        if (double.IsNaN(interval.Estimate))
        {
            // Woolf and Katz leave the interval out when a cell is 0; the estimate itself may still exist.
            var p1 = (double)a / n1;
            var p0 = (double)c / n0;
            var estimate = target.Kind == TargetKind.OddsRatio ? p1 / (1 - p1) / (p0 / (1 - p0)) : p1 / p0;
            interval = new ConfidenceInterval(double.IsFinite(estimate) ? estimate : double.NaN, double.NaN, double.NaN);
        }

        return target.Causal ? new(interval, n1 + n0, false, CrudeNote) : new(interval, n1 + n0, true, null);
    }

    private static DataMeasure Correlation(Target target, Dataset data, bool[] stratum)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (long i = 0; i < data.Rows; i++)
        {
            if (!stratum[i])
            {
                continue;
            }

            // Booleans count as their level codes (false 0, true 1), as the calibration reads them.
            double x = data.Cell(target.Variable, i), y = data.Cell(target.Other, i);
            if (!double.IsNaN(x) && !double.IsNaN(y))
            {
                xs.Add(x);
                ys.Add(y);
            }
        }

        if (xs.Count == 0)
        {
            return NotMeasured("no row of the data is in the stratum");
        }

        double mx = xs.Average(), my = ys.Average(), sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
            sxy += (xs[i] - mx) * (ys[i] - my);
        }

        var r = sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
        return new(Intervals.Correlation(r, xs.Count), xs.Count, true, null);
    }

    private static DataMeasure Auc(Target target, Dataset data, bool[] stratum, DiscretePart part)
    {
        if (!target.IsExact || part.Tables.Variables[target.Variable].Conditional is not CptConditional table)
        {
            return NotMeasured("not measured in data: each row's risk given the parents is not a table lookup here (the outcome or a parent is outside the exact part)");
        }

        var parents = part.Tables.Variables[target.Variable].Parents;
        if (parents.FirstOrDefault(p => !data.Has(p), -1) is var absent and >= 0)
        {
            return NotMeasured($"not measured in data: '{data.Model.Variables[absent].Name}' is not in it");
        }

        var outcome = data.Codes(target.Variable);
        var parentCodes = parents.Select(p => data.Codes(p).ToArray()).ToArray();
        var levels = new int[parents.Length];
        var scored = new List<(double Risk, bool Case)>();
        for (var i = 0; i < outcome.Length; i++)
        {
            if (!stratum[i] || outcome[i] == Dataset.MissingCode)
            {
                continue;
            }

            var complete = true;
            for (var j = 0; j < parents.Length; j++)
            {
                var code = parentCodes[j][i];
                complete &= code != Dataset.MissingCode;
                levels[j] = code;
            }

            if (complete)
            {
                scored.Add((table.Table.Probability(levels, target.Level), outcome[i] == target.Level));
            }
        }

        // Mann-Whitney: each case against each non-case, scored by its risk; ties count one half.
        scored.Sort((x, y) => x.Risk.CompareTo(y.Risk));
        long cases = 0, controls = 0;
        double below = 0, wins = 0;
        for (var i = 0; i < scored.Count;)
        {
            var j = i;
            long groupCases = 0, groupControls = 0;
            while (j < scored.Count && scored[j].Risk == scored[i].Risk)
            {
                groupCases += scored[j].Case ? 1 : 0;
                groupControls += scored[j].Case ? 0 : 1;
                j++;
            }

            wins += (groupCases * below) + (0.5 * groupCases * groupControls);
            below += groupControls;
            cases += groupCases;
            controls += groupControls;
            i = j;
        }

        if (cases == 0 || controls == 0)
        {
            return new(ConfidenceInterval.Undefined, scored.Count, false, scored.Count == 0 ? "no row of the data is in the stratum" : "not measured in data: it needs both cases and non-cases");
        }

        return new(Intervals.Auc(wins / ((double)cases * controls), cases, controls), cases + controls, true, null);
    }
}
