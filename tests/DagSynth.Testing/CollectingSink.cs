using DagSynth.Sampling;

namespace DagSynth.Testing;

/// <summary>A sink that keeps every generated code in memory, by column, for tests.</summary>
public sealed class CollectingSink(int columns) : IBatchSink
{
    private readonly List<ushort>[] _columns = [.. Enumerable.Range(0, columns).Select(_ => new List<ushort>())];

    /// <summary>The first row of every batch received, in order.</summary>
    public List<long> BatchStarts { get; } = [];

    /// <summary>The codes of column <paramref name="c"/>.</summary>
    public IReadOnlyList<ushort> Column(int c) => _columns[c];

    /// <summary>The number of rows received.</summary>
    public int Rows => _columns.Length == 0 ? 0 : _columns[0].Count;

    /// <inheritdoc/>
    public void Write(SampleBatch batch)
    {
        BatchStarts.Add(batch.FirstRow);
        for (var c = 0; c < _columns.Length; c++)
        {
            foreach (var code in batch.Codes(c))
            {
                _columns[c].Add(code);
            }
        }
    }
}
