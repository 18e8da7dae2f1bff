using BenchmarkDotNet.Attributes;
using DagSynth.IO.Csv;
using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.Benchmarks;

/// <summary>
/// Whole generation of 1,000,000 alarm rows through the pipeline, by thread count: sampling only
/// (parallel scaling), and sampling with CSV encoding to a discarding stream (the writer's share).
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    public const long Rows = 1_000_000;
    private SamplingPlan _plan = null!;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup() => _plan = SamplingPlan.Compile(SamplingBenchmarks.Load("alarm"));

    [Benchmark]
    public long SampleOnly() =>
        Generator.Run(_plan, new GenerationOptions { Rows = Rows, Seed = 1, Threads = Threads }, new Discard()).RowsWritten;

    [Benchmark]
    public long SampleAndEncodeCsv()
    {
        var writer = DelimitedDataWriter.Create(Stream.Null, OutputSchema.Data(_plan.Model));
        var rows = Generator.Run(_plan, new GenerationOptions { Rows = Rows, Seed = 1, Threads = Threads }, writer).RowsWritten;
        writer.Complete();
        return rows;
    }

    private sealed class Discard : IBatchSink
    {
        public void Write(SampleBatch batch)
        {
        }
    }
}
