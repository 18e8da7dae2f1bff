using DagSynth.Diagnostics;
using DagSynth.IO.Fakes;
using DagSynth.Sampling;
using DagSynth.Testing;
using MathNet.Numerics.Distributions;

namespace DagSynth.IO.Tests.Outputs;

/// <summary>MCAR, MAR and MNAR rates and dependencies against their specification.</summary>
[Trait("Category", "Statistical")]
public sealed class MissingnessTests
{
    private const int Rows = 200_000;
    private const double Alpha = 1e-4; // per test; fixed seed, so the outcome is deterministic

    private sealed class Collector(int variables) : IBatchSink
    {
        public List<(ushort[] Codes, double[] Values, bool[] Missing)>[] Columns { get; } = [.. Enumerable.Range(0, variables).Select(_ => new List<(ushort[], double[], bool[])>())];

        public void Write(SampleBatch batch)
        {
            for (var v = 0; v < Columns.Length; v++)
            {
                var codes = v < 1 || v == 4 || v == 5 ? batch.Codes(v).ToArray() : [];
                var values = v is 1 or 2 or 3 or 6 ? batch.Values(v).ToArray() : [];
                Columns[v].Add((codes, values, batch.Missing(v).ToArray()));
            }
        }
    }

    private static Collector Generate(ulong seed = 11)
    {
        var model = TeachingModels.Load(TeachingModels.Clinic);
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance);
        var sink = new Collector(model.Variables.Length);
        var result = Generator.Run(plan, new GenerationOptions { Rows = Rows, Seed = seed, Threads = 2, BatchSize = 10_000 }, sink);
        Assert.True(result.Succeeded);
        return sink;
    }

    private static double BinomialP(long k, long n, double p)
    {
        // Two-sided normal approximation (n p is large here).
        var z = (k - (n * p)) / Math.Sqrt(n * p * (1 - p));
        return 2 * (1 - Normal.CDF(0, 1, Math.Abs(z)));
    }

    [Fact]
    public void Should_HitTheMcarRate_And_NotDependOnValues_When_Mcar()
    {
        var data = Generate();
        var missing = data.Columns[1].SelectMany(b => b.Missing).ToArray();
        var ages = data.Columns[1].SelectMany(b => b.Values).ToArray();
        Assert.True(BinomialP(missing.Count(m => m), Rows, 0.1) > Alpha);

        // Independent of the value: the rate among age > 55 is the same 0.1.
        var old = Enumerable.Range(0, Rows).Where(i => ages[i] > 55).ToArray();
        Assert.True(BinomialP(old.Count(i => missing[i]), old.Length, 0.1) > Alpha);
    }

    [Fact]
    public void Should_FollowTheLogisticModel_When_Mar()
    {
        // weight is missing with P = 0.05 for women and odds x4 for men: 0.05*4/0.95 / (1 + ...) = 0.17391.
        var data = Generate();
        var missing = data.Columns[2].SelectMany(b => b.Missing).ToArray();
        var sex = data.Columns[0].SelectMany(b => b.Codes).ToArray();
        var women = Enumerable.Range(0, Rows).Where(i => sex[i] == 0).ToArray();
        var men = Enumerable.Range(0, Rows).Where(i => sex[i] == 1).ToArray();
        var pMen = 0.05 / 0.95 * 4 / (1 + (0.05 / 0.95 * 4));
        Assert.True(BinomialP(women.Count(i => missing[i]), women.Length, 0.05) > Alpha);
        Assert.True(BinomialP(men.Count(i => missing[i]), men.Length, pMen) > Alpha);
    }

    [Fact]
    public void Should_DependOnTheOwnCompleteValue_When_Mnar()
    {
        var data = Generate();
        var missing = data.Columns[3].SelectMany(b => b.Missing).ToArray();
        var sbp = data.Columns[3].SelectMany(b => b.Values).ToArray();
        var high = Enumerable.Range(0, Rows).Where(i => sbp[i] > 140).ToArray();
        var low = Enumerable.Range(0, Rows).Where(i => sbp[i] <= 140).ToArray();
        var pHigh = 0.02 / 0.98 * 5 / (1 + (0.02 / 0.98 * 5));
        Assert.True(BinomialP(low.Count(i => missing[i]), low.Length, 0.02) > Alpha);
        Assert.True(BinomialP(high.Count(i => missing[i]), high.Length, pHigh) > Alpha);
    }

    [Fact]
    public void Should_LeaveCompleteValuesAndDerivedVariablesUnchanged_When_MissingnessIsAdded()
    {
        // Given the same model without any missing: key
        var with = TeachingModels.Load(TeachingModels.Clinic);
        var without = TeachingModels.Load(string.Join('\n', TeachingModels.Clinic.Split('\n').Where(l => !l.TrimStart().StartsWith("missing:", StringComparison.Ordinal))));
        Assert.False(without.HasMissingness);

        // When both generate the same rows
        var a = new CollectingRows();
        var b = new CollectingRows();
        Generator.Run(SamplingPlan.Compile(with, BogusFakeTextSource.Instance), new GenerationOptions { Rows = 5000, Seed = 3 }, a);
        Generator.Run(SamplingPlan.Compile(without, BogusFakeTextSource.Instance), new GenerationOptions { Rows = 5000, Seed = 3 }, b);

        // Then every complete value (and the derived high_sbp, computed from complete sbp) is identical
        Assert.Equal(b.Values, a.Values);
        Assert.Equal(b.Codes, a.Codes);
    }

    [Fact]
    public void Should_ReportPositions_When_MissingnessIsMalformed()
    {
        var yaml = """
            dagsynth: 1
            variables:
              a:
                levels: [x, y]
                probs: [0.5, 0.5]
                missing: {mar: {baseline: 0.1, odds_ratios: {a: {y: 2}}}}
              b:
                type: normal
                mean: 0
                sd: 1
                missing: {mnar: {baseline: 0.1, odds_ratios: {a: {y: 2}}}}
              c:
                type: normal
                mean: 0
                sd: 1
                missing: {mcra: 0.1}
              d:
                type: normal
                mean: 0
                sd: 1
                missing: 1.5
            """;
        var result = ModelFile.ReadYaml(new StringReader(yaml), "bad.yaml");
        Assert.Null(result.Model);
        var text = string.Join("\n", result.Diagnostics);
        Golden.Verify("missingness-diagnostics.txt", text + "\n");
        Assert.Equal(4, result.Diagnostics.Count(d => d.Code == DiagnosticCodes.BadMissingness));
    }

    private sealed class CollectingRows : IBatchSink
    {
        public List<double> Values { get; } = [];

        public List<ushort> Codes { get; } = [];

        public void Write(SampleBatch batch)
        {
            foreach (var v in new[] { 1, 2, 3, 6 })
            {
                Values.AddRange(batch.Values(v).ToArray());
            }

            foreach (var v in new[] { 0, 4, 5 })
            {
                Codes.AddRange(batch.Codes(v).ToArray());
            }
        }
    }
}
