using DagSynth.Outputs;

namespace DagSynth.IO;

/// <summary>
/// Writes output rows in one format, streaming: memory does not grow with the number of rows. Missing
/// cells are written as the format's empty value (an empty CSV field, a Parquet or JSON null, an
/// empty Excel cell).
/// </summary>
public interface ITableWriter : IDisposable
{
    /// <summary>The number of data rows written.</summary>
    long RowsWritten { get; }

    /// <summary>Writes a chunk of rows (its schema is the writer's).</summary>
    void Write(RowChunk chunk);

    /// <summary>Writes what is still buffered and the format's ending; the stream then holds a complete file.</summary>
    void Complete();
}
