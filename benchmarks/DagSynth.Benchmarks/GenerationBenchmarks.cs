using BenchmarkDotNet.Attributes;
using DagSynth.IO.Csv;
using DagSynth.Sampling;

namespace DagSynth.Benchmarks;

/// <summary>Whole generation to CSV in memory (sampling threads plus the writer), by thread count.</summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    private SamplingPlan _plan = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    public const long Rows = 200_000;

    [GlobalSetup]
    public void Setup() => _plan = SamplingPlan.Compile(SamplingBenchmarks.Load("cvd-risk.yaml"));

    [Benchmark]
    public long GenerateCsv()
    {
        using var stream = new MemoryStream();
        using var writer = DelimitedDataWriter.Create(stream, _plan);
        var result = Generator.Run(_plan, new GenerationOptions { Rows = Rows, Seed = 1, Threads = Threads }, writer);
        writer.Complete();
        return result.RowsWritten;
    }
}
