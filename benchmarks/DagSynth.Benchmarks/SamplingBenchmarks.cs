using BenchmarkDotNet.Attributes;
using DagSynth.IO;
using DagSynth.Models;
using DagSynth.Sampling;

namespace DagSynth.Benchmarks;

/// <summary>
/// Forward sampling in memory, single thread: the sampler's kernels without any output. Reported per
/// batch of <see cref="Rows"/> rows; divide by the model's variables for cells.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    private Sampler _sampler = null!;
    private SampleBatch _batch = null!;

    /// <summary>The shipped example to sample.</summary>
    [Params("asia.yaml", "cvd-risk.yaml")]
    public string Example { get; set; } = "asia.yaml";

    /// <summary>Rows per call.</summary>
    public const int Rows = 65_536;

    [GlobalSetup]
    public void Setup()
    {
        var model = Load(Example);
        var plan = SamplingPlan.Compile(model);
        _sampler = new Sampler(plan, 42);
        _batch = new SampleBatch(plan, Rows);
    }

    [Benchmark]
    public int FillBatch()
    {
        _sampler.Fill(_batch, 0, Rows);
        return _batch.Count;
    }

    internal static Model Load(string example)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "DagSynth.slnx")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("repository root not found");
        }

        var result = ModelFile.Read(Path.Combine(directory, "examples", example));
        return result.Model ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
    }
}
