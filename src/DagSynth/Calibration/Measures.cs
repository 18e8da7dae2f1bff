namespace DagSynth.Calibration;

/// <summary>The formulas the evaluators share: effect measures, correlation, AUC.</summary>
internal static class Measures
{
    /// <summary>The odds ratio, risk ratio or risk difference of risks <paramref name="p1"/> (exposed) and <paramref name="p0"/> (reference).</summary>
    public static double Of(TargetKind kind, double p1, double p0) => kind switch
    {
        TargetKind.OddsRatio => p1 / (1 - p1) / (p0 / (1 - p0)),
        TargetKind.RiskRatio => p1 / p0,
        _ => p1 - p0,
    };

    /// <summary>Pearson's correlation from weighted sums.</summary>
    public static double Correlation(double n, double sx, double sy, double sxx, double syy, double sxy)
    {
        if (!(n > 0))
        {
            return double.NaN;
        }

        var vx = (sxx / n) - ((sx / n) * (sx / n));
        var vy = (syy / n) - ((sy / n) * (sy / n));
        var cxy = (sxy / n) - ((sx / n) * (sy / n));
        return vx > 0 && vy > 0 ? cxy / Math.Sqrt(vx * vy) : double.NaN;
    }

    /// <summary>
    /// The AUC of a risk score: the probability that a case scores higher than a non-case (ties count
    /// one half), where each unit (a parent configuration, or a simulated row) with weight w and risk r
    /// is a case with weight w r and a non-case with weight w (1 - r), scored by r. With
    /// <paramref name="excludeSelfPairs"/> (simulated rows), a row is not paired with itself.
    /// </summary>
    public static double Auc(List<(double Risk, double Weight)> units, bool excludeSelfPairs)
    {
        units.Sort((a, b) => a.Risk.CompareTo(b.Risk));
        double cases = 0, controls = 0, below = 0, numerator = 0, self = 0;
        var i = 0;
        while (i < units.Count)
        {
            var j = i;
            double groupCases = 0, groupControls = 0;
            while (j < units.Count && units[j].Risk == units[i].Risk)
            {
                var (r, w) = units[j];
                groupCases += w * r;
                groupControls += w * (1 - r);
                self += w * w * r * (1 - r);
                j++;
            }

            numerator += (groupCases * below) + (0.5 * groupCases * groupControls);
            below += groupControls;
            cases += groupCases;
            controls += groupControls;
            i = j;
        }

        var pairs = cases * controls;
        if (excludeSelfPairs)
        {
            numerator -= 0.5 * self;
            pairs -= self;
        }

        return pairs > 0 ? numerator / pairs : double.NaN;
    }

    /// <summary>The Hanley-McNeil standard error of an AUC with about <paramref name="cases"/> cases and <paramref name="controls"/> non-cases.</summary>
    public static double AucStandardError(double auc, double cases, double controls)
    {
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((cases - 1) * (q1 - (auc * auc))) + ((controls - 1) * (q2 - (auc * auc)))) / (cases * controls);
        return Math.Sqrt(Math.Max(0, variance));
    }
}
