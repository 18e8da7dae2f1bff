using DagSynth.Calibration;
using DagSynth.IO.Fakes;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Tests.Mixed;

namespace DagSynth.Tests.Calibration;

/// <summary>
/// A calibrated model reproduces its targets in fresh data: 1,000,000 rows generated with another
/// seed than the calibration's show every target within its confidence interval. The interval of
/// each comparison combines the sample's own sampling error and the Monte-Carlo error of the
/// calibration (its standard error as reported), at alpha 0.001 per target (z = 3.29); the seeds are
/// fixed, so the test is deterministic.
/// </summary>
[Trait("Category", "Statistical")]
public sealed class CalibrationStatisticalTests
{
    private const int Rows = 1_000_000;
    private const double Z = 3.29;

    [Fact]
    public void Should_ReproduceEveryTarget_When_AMillionRowsAreGeneratedFromTheCalibratedModel()
    {
        // Given: the seven-target mixed model, calibrated with the default simulation (100,000 rows, seed 11)
        var options = new CalibrationOptions();
        var result = Calibrator.Solve(SimulatedCalibrationTests.Model(options), options);
        Assert.Equal(CalibrationStatus.Solved, result.Status);
        var model = result.Model;

        // When: a million rows with seed 12, and a million under each intervention on smoking
        var data = Generate(model, 12);
        var smoking = Generate(Intervention.Apply(model, model.IndexOf("smoker"), 1), 12);
        var notSmoking = Generate(Intervention.Apply(model, model.IndexOf("smoker"), 0), 12);

        // Then
        var sex = data.Column("sex");
        var age = data.Column("age");
        var group = data.Column("age_group");
        var smoker = data.Column("smoker");
        var sbp = data.Column("sbp");
        var cvd = data.Column("cvd");
        var estimates = new (double Value, double Error)[]
        {
            Proportion(sex, _ => true),
            Proportion(smoker, _ => true),
            Mean(sbp),
            StandardDeviation(sbp),
            Correlation(age, sbp),
            Proportion(cvd, i => group[i] == 1),
            CausalOddsRatio(smoking.Column("cvd"), notSmoking.Column("cvd")),
            Auc(result, smoker, sbp, cvd),
        };
        for (var t = 0; t < estimates.Length; t++)
        {
            var target = result.Targets[t];
            var (value, error) = estimates[t];
            var interval = Z * Math.Sqrt((error * error) + (target.StandardError * target.StandardError));
            Assert.True(
                Math.Abs(value - target.Achieved) <= interval,
                $"{target.Target.Label}: {value} in a million rows, {target.Achieved} calibrated (requested {target.Target.Value}), interval ±{interval}");
            Assert.True(target.IsMet);
        }
    }

    private static MixedModels.Batchless Generate(Model model, ulong seed) =>
        MixedModels.Generate(model, Rows, seed, threads: Environment.ProcessorCount, batchSize: 8192);

    private static (double, double) Proportion(IReadOnlyList<double> codes, Func<int, bool> inStratum)
    {
        double n = 0, k = 0;
        for (var i = 0; i < codes.Count; i++)
        {
            if (inStratum(i))
            {
                n++;
                k += codes[i];
            }
        }

        var p = k / n;
        return (p, Math.Sqrt(p * (1 - p) / n));
    }

    private static (double, double) Mean(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
        return (mean, sd / Math.Sqrt(x.Count));
    }

    private static (double, double) StandardDeviation(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Count - 1));
        return (sd, sd / Math.Sqrt(2.0 * (x.Count - 1)));
    }

    private static (double, double) Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        var r = sxy / Math.Sqrt(sxx * syy);
        return (r, (1 - (r * r)) / Math.Sqrt(x.Count - 3));
    }

    private static (double, double) CausalOddsRatio(IReadOnlyList<double> exposed, IReadOnlyList<double> reference)
    {
        var (p1, _) = Proportion(exposed, _ => true);
        var (p0, _) = Proportion(reference, _ => true);
        var or = p1 / (1 - p1) / (p0 / (1 - p0));
        var logError = Math.Sqrt((1 / (Rows * p1 * (1 - p1))) + (1 / (Rows * p0 * (1 - p0))));
        return (or, or * logError);
    }

    /// <summary>The AUC of cvd's probability given its parents, from the calibrated values, against the drawn outcome.</summary>
    private static (double, double) Auc(CalibrationResult result, IReadOnlyList<double> smoker, IReadOnlyList<double> sbp, IReadOnlyList<double> cvd)
    {
        var value = result.Parameters.ToDictionary(p => p.Parameter.Name, p => p.Value);
        var intercept = value["cvd: intercept"];
        var smoking = Math.Log(value["cvd: odds ratio of smoker"]);
        var pressure = Math.Log(value["cvd: odds ratio of (sbp - 130) / 10"]);
        var scored = Enumerable.Range(0, cvd.Count)
            .Select(i => (Score: intercept + (smoking * smoker[i]) + (pressure * (sbp[i] - 130) / 10), Case: cvd[i] == 1))
            .OrderBy(x => x.Score)
            .ToList();
        double cases = scored.Count(x => x.Case), controls = scored.Count - cases, below = 0, numerator = 0;
        var i = 0;
        while (i < scored.Count)
        {
            var j = i;
            double groupCases = 0, groupControls = 0;
            while (j < scored.Count && scored[j].Score == scored[i].Score)
            {
                groupCases += scored[j].Case ? 1 : 0;
                groupControls += scored[j].Case ? 0 : 1;
                j++;
            }

            numerator += (groupCases * below) + (0.5 * groupCases * groupControls);
            below += groupControls;
            i = j;
        }

        var auc = numerator / (cases * controls);
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((cases - 1) * (q1 - (auc * auc))) + ((controls - 1) * (q2 - (auc * auc)))) / (cases * controls);
        return (auc, Math.Sqrt(variance));
    }
}
