using System.Collections.Immutable;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Inference.Simulation;

/// <summary>
/// Monte-Carlo estimates for what exact inference does not cover: a fixed-seed sample from the
/// model, summarised with 95% intervals. Deterministic: the same model, size and seed give the same
/// estimates.
/// </summary>
public static class Simulator
{
    /// <summary>The default sample size: intervals of proportions are within about ±0.3 points.</summary>
    public const long DefaultRows = 100_000;

    /// <summary>Simulates <paramref name="rows"/> rows and summarises <paramref name="variables"/> (fake text and identifiers are skipped).</summary>
    public static SimulationSummary Summarize(Model model, IEnumerable<int> variables, long rows = DefaultRows, ulong seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wanted = variables.Where(v => model.Variables[v].Kind is not (VariableKind.Text or VariableKind.Identifier)).Distinct().Order().ToArray();
        if (wanted.Length == 0 || rows <= 0)
        {
            return new SimulationSummary(0, seed, []);
        }

        var plan = SamplingPlan.Compile(model, EmptyText.Instance);
        var sink = new Collector(model, wanted, rows);
        var result = Generator.Run(plan, new GenerationOptions { Rows = rows, Seed = seed, Threads = Math.Max(1, Environment.ProcessorCount) }, sink, null, cancellationToken);
        var n = result.RowsWritten;
        return new SimulationSummary(n, seed, [.. wanted.Select(v => sink.Summarize(v, n))]);
    }

    /// <summary>The 95% Wilson score interval of <paramref name="successes"/> in <paramref name="n"/>.</summary>
    public static ProportionEstimate Wilson(long successes, long n)
    {
        if (n == 0)
        {
            return new ProportionEstimate(double.NaN, double.NaN, double.NaN);
        }

        const double Z = 1.959963984540054;
        var p = (double)successes / n;
        var denominator = 1 + (Z * Z / n);
        var centre = (p + (Z * Z / (2.0 * n))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4.0 * n * n))) / denominator;
        return new ProportionEstimate(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private sealed class Collector(Model model, int[] wanted, long rows) : IBatchSink
    {
        private readonly Dictionary<int, long[]> _counts = wanted.Where(v => model.Variables[v].IsDiscrete).ToDictionary(v => v, v => new long[model.Variables[v].Cardinality]);
        private readonly Dictionary<int, List<double>> _values = wanted.Where(v => !model.Variables[v].IsDiscrete).ToDictionary(v => v, _ => new List<double>((int)Math.Min(rows, int.MaxValue)));

        public void Write(SampleBatch batch)
        {
            foreach (var (v, counts) in _counts)
            {
                foreach (var code in batch.Codes(v))
                {
                    counts[code]++;
                }
            }

            foreach (var (v, values) in _values)
            {
                foreach (var x in batch.Values(v))
                {
                    values.Add(x);
                }
            }
        }

        public SimulatedVariable Summarize(int v, long n)
        {
            if (_counts.TryGetValue(v, out var counts))
            {
                return new SimulatedVariable(v, [.. counts.Select(c => Wilson(c, n))], null);
            }

            var values = _values[v];
            values.Sort();
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, values.Count - 1));
            var half = 1.959963984540054 * sd / Math.Sqrt(values.Count);
            var quantiles = NumericEstimate.QuantileProbabilities.Select(q => values[(int)Math.Min(values.Count - 1, Math.Floor(q * (values.Count - 1)))]).ToImmutableArray();
            return new SimulatedVariable(v, [], new NumericEstimate(values.Count, mean, mean - half, mean + half, sd, quantiles));
        }
    }

    /// <summary>Fake text is not summarised; this source lets a plan compile without one.</summary>
    internal sealed class EmptyText : IFakeTextSource, IFakeTextGenerator
    {
        public static readonly EmptyText Instance = new();

        public IFakeTextGenerator CreateGenerator() => this;

        public string? Check(string field, string locale) => null;

        public string Generate(string field, string locale, FakeSex sex, ulong bits) => string.Empty;
    }
}
