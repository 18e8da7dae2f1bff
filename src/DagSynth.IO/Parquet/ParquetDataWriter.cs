using System.Text.Json;
using DagSynth.Outputs;

namespace DagSynth.IO.Parquet;

/// <summary>
/// Writes rows as Apache Parquet with our own streaming encoder
/// (docs/decisions/0007-own-parquet-writer.md), one row group at a time, so memory holds at most one
/// row group, encoded. Levels are UTF-8 strings, dictionary-encoded with the dictionary in model
/// order; booleans are BOOLEAN; numbers DOUBLE; counts INT64; dates DATE (INT32); identifiers and
/// text UTF-8 strings. Pages are Snappy-compressed. Columns of variables with missingness are
/// optional (nullable), the others required. The model's name, DagSynth's version, the seed and
/// every column's levels in model order are stored as key-value metadata (<c>dagsynth.*</c>); each
/// level column chunk also carries its levels as <c>dagsynth.levels</c>.
/// </summary>
public sealed class ParquetDataWriter : ITableWriter
{
    /// <summary>The default number of rows per row group.</summary>
    public const int DefaultRowGroupSize = 1 << 17;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly PositionedOutput _output;
    private readonly PageWriter _pages;
    private readonly ColumnChunkWriter[] _columns;
    private readonly FileMetadataWriter _footer;
    private readonly ByteBuffer _columnChunks = new(1 << 10);
    private readonly ThriftCompactWriter _columnChunkWriter;
    private readonly List<KeyValuePair<string, string>> _metadata;
    private readonly int _rowGroupSize;
    private int _buffered;
    private bool _completed;

    /// <summary>Creates a writer to <paramref name="stream"/> (left open; it need not be seekable).</summary>
    public ParquetDataWriter(Stream stream, OutputSchema schema, DataWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        var columns = schema.Columns;
        _rowGroupSize = options.RowGroupSize ?? Math.Clamp((1 << 26) / (16 * Math.Max(1, columns.Length)), 1 << 14, DefaultRowGroupSize);
        _columns = [.. columns.Select(c => new ColumnChunkWriter(c))];
        _footer = new FileMetadataWriter([.. _columns.Select(c => c.Descriptor)]);
        _columnChunkWriter = new ThriftCompactWriter(_columnChunks);
        var metadata = options.Metadata.IsDefault
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : options.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        metadata["dagsynth.columns"] = JsonSerializer.Serialize(columns.Select(c => new Dictionary<string, object?>
        {
            ["name"] = c.Name,
            ["kind"] = c.Kind.ToString().ToLowerInvariant(),
            ["levels"] = c.HasCodes ? c.Levels : null,
            ["ordered"] = c.Ordered,
            ["unit"] = c.Variable?.Unit,
            ["label"] = c.Variable?.Label,
        }));
        _metadata = [.. metadata];
        _output = new PositionedOutput(stream);
        _pages = new PageWriter(_output);
        _output.Write(Magic);
    }

    /// <inheritdoc/>
    public long RowsWritten { get; private set; }

    /// <summary>The number of rows per row group.</summary>
    public int RowGroupSize => _rowGroupSize;

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ObjectDisposedException.ThrowIf(_completed, this);
        var (codes, values, texts, nulls) = chunk.Arrays();
        var at = 0;
        while (at < chunk.Count)
        {
            var take = Math.Min(chunk.Count - at, _rowGroupSize - _buffered);
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c].Append(codes[c], values[c], texts[c], nulls[c], at, take);
            }

            _buffered += take;
            at += take;
            if (_buffered == _rowGroupSize)
            {
                FlushRowGroup();
            }
        }

        RowsWritten += chunk.Count;
    }

    /// <inheritdoc/>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        if (_buffered > 0)
        {
            FlushRowGroup();
        }

        // An empty table has the schema and no row group.
        var footer = new ByteBuffer(1 << 12);
        _footer.Write(new ThriftCompactWriter(footer), _metadata, CreatedBy);
        footer.WriteInt32(footer.Length);
        footer.Write(Magic);
        _output.Write(footer.Written);
        _output.Flush();
        _completed = true;
    }

    /// <summary>Releases the writer; a file not completed is left unfinished (its temporary file is deleted by its owner).</summary>
    public void Dispose() => _completed = true;

    private static string CreatedBy => $"DagSynth version {typeof(ParquetDataWriter).Assembly.GetName().Version?.ToString(3)}";

    private void FlushRowGroup()
    {
        var start = _output.Position;
        long uncompressed = 0, compressed = 0;
        _columnChunks.Clear();
        foreach (var column in _columns)
        {
            var (u, c) = column.WriteChunk(_pages, _columnChunkWriter);
            uncompressed += u;
            compressed += c;
        }

        _footer.AddRowGroup(_columnChunks.Written, _buffered, start, uncompressed, compressed);
        _buffered = 0;
    }
}
