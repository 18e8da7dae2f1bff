using BenchmarkDotNet.Attributes;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.IO.Fakes;
using DagSynth.IO.Parquet;
using DagSynth.Outputs;
using DagSynth.Sampling;

namespace DagSynth.Benchmarks;

/// <summary>
/// The data writers on the same 200,000 generated rows (already sampled, in chunks of 10,000), to a
/// discarding stream, on one thread: CSV encoding, our Parquet writer, and the Parquet.Net writer it
/// replaced (docs/decisions/0007-own-parquet-writer.md).
/// </summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    public const int Rows = 200_000;
    private List<RowChunk> _chunks = null!;
    private OutputSchema _schema = null!;

    [Params("alarm", "cvd-risk")]
    public string Network { get; set; } = "alarm";

    [GlobalSetup]
    public void Setup()
    {
        var model = SamplingBenchmarks.Load(Network);
        _schema = OutputSchema.Data(model);
        _chunks = [];
        var plan = SamplingPlan.Compile(model, BogusFakeTextSource.Instance);
        Generator.Run(plan, new GenerationOptions { Rows = Rows, Seed = 1, Threads = 1, BatchSize = 10_000 }, new ChunkCopier(_schema, _chunks));
    }

    [Benchmark(Baseline = true)]
    public long Csv() => Write(DelimitedDataWriter.Create(Stream.Null, _schema));

    [Benchmark]
    public long Parquet() => Write(new ParquetDataWriter(Stream.Null, _schema, new DataWriterOptions()));

    [Benchmark]
    public long ParquetNet() => Write(new ParquetNetWriter(Stream.Null, _schema, new DataWriterOptions()));

    private long Write(ITableWriter writer)
    {
        using (writer)
        {
            foreach (var chunk in _chunks)
            {
                writer.Write(chunk);
            }

            writer.Complete();
            return writer.RowsWritten;
        }
    }

    private sealed class ChunkCopier(OutputSchema schema, List<RowChunk> chunks) : IBatchSink
    {
        public void Write(SampleBatch batch)
        {
            var rows = Enumerable.Range(0, batch.Count).ToArray();
            chunks.Add(RowChunk.Of(batch, schema, observed: true).Select(rows, new RowChunk(schema, batch.Count)));
        }
    }
}
