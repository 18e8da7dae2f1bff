namespace DagSynth.Sampling;

/// <summary>What to generate: which rows, under which seed, with how many threads.</summary>
public readonly record struct GenerationOptions
{
    /// <summary>Creates the defaults: no rows, seed 0, one thread, batches of 8,192 rows.</summary>
    public GenerationOptions()
    {
    }

    /// <summary>The number of rows to generate.</summary>
    public long Rows { get; init; }

    /// <summary>The global index of the first row (for shards: rows are keyed by their global index).</summary>
    public long FirstRow { get; init; }

    /// <summary>The seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>The number of sampling threads. Output is identical for every value.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Rows per batch. Output is identical for every value.</summary>
    public int BatchSize { get; init; } = 8192;
}
