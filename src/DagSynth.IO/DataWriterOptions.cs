using System.Collections.Immutable;

namespace DagSynth.IO;

/// <summary>Options of the data writers.</summary>
public readonly record struct DataWriterOptions
{
    /// <summary>Creates the defaults.</summary>
    public DataWriterOptions()
    {
    }

    /// <summary>Key-value metadata stored in formats that keep it (Parquet): model name, versions, seed.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Rows per Parquet row group (the most held in memory); the default 131,072, fewer for wide tables.</summary>
    public int? RowGroupSize { get; init; }

    /// <summary>
    /// Whether a delimited file starts with its header row. Shards after the first leave it out, so
    /// that the shards concatenated in order are the file of a single run.
    /// </summary>
    public bool WriteHeader { get; init; } = true;

    /// <summary>The rows of the codebook sheet of an Excel workbook (the first is the header); none when empty.</summary>
    public ImmutableArray<ImmutableArray<string>> CodebookSheet { get; init; } = [];
}
