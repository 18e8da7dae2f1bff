using System.Text.Json;
using DagSynth.IO;
using DagSynth.IO.Csv;
using DagSynth.Outputs;
using DagSynth.Sampling;
using global::Parquet;
using global::Parquet.Schema;

namespace DagSynth.Benchmarks;

/// <summary>
/// The Parquet writer before docs/decisions/0007-own-parquet-writer.md, kept to compare with: writes rows as Apache Parquet through Parquet.Net, one row group at a time, so memory holds at most
/// one row group. Levels are strings with dictionary encoding; booleans are BOOLEAN; numbers DOUBLE;
/// counts INT64; dates DATE; identifiers and text strings. Columns of variables with missingness are
/// optional (nullable), the others required. The model's name, DagSynth's version, the seed and every
/// column's levels in model order are stored as key-value metadata (<c>dagsynth.*</c>); each level
/// column chunk also carries its levels as <c>dagsynth.levels</c>.
/// </summary>
public sealed class ParquetNetWriter : ITableWriter
{
    /// <summary>The default number of rows per row group.</summary>
    public const int DefaultRowGroupSize = 1 << 17;

    private readonly OutputSchema _schema;
    private readonly DataField[] _fields;
    private readonly ParquetWriter _writer;
    private readonly int _rowGroupSize;
    private readonly Array[] _buffers;
    private readonly Dictionary<string, string>?[] _columnMetadata;
    private int _buffered;
    private bool _completed;

    /// <summary>Creates a writer to <paramref name="stream"/> (left open; it must be seekable for reading back only, not for writing).</summary>
    public ParquetNetWriter(Stream stream, OutputSchema schema, DataWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        var columns = schema.Columns;
        _fields = [.. columns.Select(Field)];
        _rowGroupSize = options.RowGroupSize ?? Math.Clamp((1 << 26) / (16 * Math.Max(1, columns.Length)), 1 << 14, DefaultRowGroupSize);
        _buffers = [.. columns.Select(c => Buffer(c, _rowGroupSize))];
        _columnMetadata = [.. columns.Select(c => c.HasCodes ? new Dictionary<string, string>(StringComparer.Ordinal) { ["dagsynth.levels"] = JsonSerializer.Serialize(c.Levels) } : null)];
        var parquetOptions = new ParquetOptions();
        foreach (var (field, column) in _fields.Zip(columns))
        {
            if (column.Kind is OutputColumnKind.Level or OutputColumnKind.Text)
            {
                parquetOptions.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), stream, parquetOptions, append: false).GetAwaiter().GetResult();
        var metadata = options.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        metadata["dagsynth.columns"] = JsonSerializer.Serialize(columns.Select(c => new Dictionary<string, object?>
        {
            ["name"] = c.Name,
            ["kind"] = c.Kind.ToString().ToLowerInvariant(),
            ["levels"] = c.HasCodes ? c.Levels : null,
            ["ordered"] = c.Ordered,
            ["unit"] = c.Variable?.Unit,
            ["label"] = c.Variable?.Label,
        }));
        _writer.CustomMetadata = metadata;
    }

    /// <inheritdoc/>
    public long RowsWritten { get; private set; }

    /// <summary>The number of rows per row group.</summary>
    public int RowGroupSize => _rowGroupSize;

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var at = 0;
        while (at < chunk.Count)
        {
            var take = Math.Min(chunk.Count - at, _rowGroupSize - _buffered);
            for (var c = 0; c < _schema.Columns.Length; c++)
            {
                Fill(c, chunk, at, take);
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
        if (_buffered > 0 || RowsWritten == 0)
        {
            FlushRowGroup();
        }

        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _completed = true;
    }

    /// <summary>Releases the writer; a file not completed is left unfinished (its temporary file is deleted by its owner).</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            Array.Clear(_buffers);
        }
    }

    private static DataField Field(OutputColumn c) => c.Kind switch
    {
        OutputColumnKind.Boolean => new DataField<bool>(c.Name, c.Nullable),
        OutputColumnKind.Number => new DataField<double>(c.Name, c.Nullable),
        OutputColumnKind.Count => new DataField<long>(c.Name, c.Nullable),
        OutputColumnKind.Date => new DataField<DateOnly>(c.Name, c.Nullable),
        _ => new DataField<string>(c.Name, c.Nullable),
    };

    private static Array Buffer(OutputColumn c, int size) => (c.Kind, c.Nullable) switch
    {
        (OutputColumnKind.Boolean, false) => new bool[size],
        (OutputColumnKind.Boolean, true) => new bool?[size],
        (OutputColumnKind.Number, false) => new double[size],
        (OutputColumnKind.Number, true) => new double?[size],
        (OutputColumnKind.Count, false) => new long[size],
        (OutputColumnKind.Count, true) => new long?[size],
        (OutputColumnKind.Date, false) => new DateOnly[size],
        (OutputColumnKind.Date, true) => new DateOnly?[size],
        _ => new string?[size],
    };

    private void Fill(int c, RowChunk chunk, int from, int count)
    {
        var column = _schema.Columns[c];
        var nulls = chunk.Nulls(c);
        var start = _buffered;
        switch (_buffers[c])
        {
            case bool[] b:
                for (var i = 0; i < count; i++)
                {
                    b[start + i] = chunk.Codes(c)[from + i] == 1;
                }

                break;
            case bool?[] b:
                for (var i = 0; i < count; i++)
                {
                    b[start + i] = !nulls.IsEmpty && nulls[from + i] ? null : chunk.Codes(c)[from + i] == 1;
                }

                break;
            case double[] d:
                chunk.Values(c).Slice(from, count).CopyTo(d.AsSpan(start));
                break;
            case double?[] d:
                for (var i = 0; i < count; i++)
                {
                    d[start + i] = !nulls.IsEmpty && nulls[from + i] ? null : chunk.Values(c)[from + i];
                }

                break;
            case long[] l:
                for (var i = 0; i < count; i++)
                {
                    l[start + i] = (long)chunk.Values(c)[from + i];
                }

                break;
            case long?[] l:
                for (var i = 0; i < count; i++)
                {
                    l[start + i] = !nulls.IsEmpty && nulls[from + i] ? null : (long)chunk.Values(c)[from + i];
                }

                break;
            case DateOnly[] t:
                for (var i = 0; i < count; i++)
                {
                    t[start + i] = DataText.ToDate(chunk.Values(c)[from + i]);
                }

                break;
            case DateOnly?[] t:
                for (var i = 0; i < count; i++)
                {
                    t[start + i] = !nulls.IsEmpty && nulls[from + i] ? null : DataText.ToDate(chunk.Values(c)[from + i]);
                }

                break;
            case string?[] s:
                Span<char> buffer = stackalloc char[256];
                for (var i = 0; i < count; i++)
                {
                    s[start + i] = !nulls.IsEmpty && nulls[from + i] ? null : column.Kind switch
                    {
                        OutputColumnKind.Level => column.Levels[chunk.Codes(c)[from + i]],
                        OutputColumnKind.Text => chunk.Texts(c)[from + i],
                        _ => CellText.Format(column.Variable!, chunk.Values(c)[from + i], buffer).ToString(),
                    };
                }

                break;
        }
    }

    private void FlushRowGroup()
    {
        using var group = _writer.CreateRowGroup();
        var n = _buffered;
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            var metadata = _columnMetadata[c];
            var task = _buffers[c] switch
            {
                bool[] b => group.WriteAsync<bool>(field, b.AsMemory(0, n), null, metadata),
                bool?[] b => group.WriteAsync<bool>(field, b.AsMemory(0, n), null, metadata),
                double[] d => group.WriteAsync<double>(field, d.AsMemory(0, n), null, metadata),
                double?[] d => group.WriteAsync<double>(field, d.AsMemory(0, n), null, metadata),
                long[] l => group.WriteAsync<long>(field, l.AsMemory(0, n), null, metadata),
                long?[] l => group.WriteAsync<long>(field, l.AsMemory(0, n), null, metadata),
                DateOnly[] t => group.WriteAsync<DateOnly>(field, t.AsMemory(0, n), null, metadata),
                DateOnly?[] t => group.WriteAsync<DateOnly>(field, t.AsMemory(0, n), null, metadata),
                string?[] s => WriteStrings(group, field, s, n, metadata),
                _ => throw new InvalidOperationException("unknown buffer"),
            };
            task.GetAwaiter().GetResult();
        }

        group.CompleteValidate();
        _buffered = 0;
    }

    private static Task WriteStrings(ParquetRowGroupWriter group, DataField field, string?[] values, int count, Dictionary<string, string>? metadata)
    {
        var memory = new ReadOnlyMemory<char>?[count];
        for (var i = 0; i < count; i++)
        {
            memory[i] = values[i] is { } v ? v.AsMemory() : null;
        }

        return group.WriteAsync<ReadOnlyMemory<char>>(field, memory, null, metadata);
    }
}
