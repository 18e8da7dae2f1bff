using DagSynth.IO.Csv;
using DagSynth.IO.Excel;
using DagSynth.IO.JsonLines;
using DagSynth.IO.Parquet;
using DagSynth.Outputs;

namespace DagSynth.IO;

/// <summary>Creates the writer of a <see cref="DataFormat"/>.</summary>
public static class DataWriters
{
    /// <summary>A writer of <paramref name="schema"/>'s rows in <paramref name="format"/> to <paramref name="stream"/> (left open).</summary>
    public static ITableWriter Create(DataFormat format, Stream stream, OutputSchema schema, DataWriterOptions options = default) => format switch
    {
        DataFormat.Csv => DelimitedDataWriter.Create(stream, schema, ',', options.WriteHeader),
        DataFormat.Tsv => DelimitedDataWriter.Create(stream, schema, '\t', options.WriteHeader),
        DataFormat.Parquet => new ParquetDataWriter(stream, schema, options),
        DataFormat.JsonLines => new JsonLinesDataWriter(stream, schema),
        DataFormat.Excel => new XlsxDataWriter(stream, schema, options),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };
}
