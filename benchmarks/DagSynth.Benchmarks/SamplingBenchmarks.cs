using BenchmarkDotNet.Attributes;
using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Sampling;
using DagSynth.Testing;

namespace DagSynth.Benchmarks;

/// <summary>
/// Forward sampling in memory, one thread, no output: the kernels alone, to compare with the C
/// baseline's sample_s (the same network and row count). Reported per 1,000,000 rows.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    public const int Rows = 1_000_000;
    private Sampler _sampler = null!;
    private SampleBatch _batch = null!;

    /// <summary>The network: corpus networks, a shipped example, or a generated 200-node network with up to 60 levels.</summary>
    [Params("alarm", "insurance", "cvd-risk", "generated-200x60")]
    public string Network { get; set; } = "alarm";

    [GlobalSetup]
    public void Setup()
    {
        var model = Load(Network);
        var plan = SamplingPlan.Compile(model, DagSynth.IO.Fakes.BogusFakeTextSource.Instance);
        _sampler = new Sampler(plan, 42);
        _batch = new SampleBatch(plan, 8192);
    }

    [Benchmark]
    public long MillionRows()
    {
        long n = 0;
        for (long first = 0; first < Rows; first += _batch.Capacity)
        {
            var count = (int)Math.Min(_batch.Capacity, Rows - first);
            _sampler.Fill(_batch, first, count);
            n += count;
        }

        return n;
    }

    internal static Model Load(string network)
    {
        if (network == "generated-200x60")
        {
            return LargeModels.Sparse(seed: 7, variables: 200, maxParents: 3, window: 20, maxLevels: 60);
        }

        var path = network is "cvd-risk" or "asia"
            ? RepositoryPaths.InRepository("examples", network + ".yaml")
            : Path.Combine(RepositoryPaths.Corpus, "networks", "bif", network + ".bif");
        var result = ModelFile.Read(path);
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }
}
