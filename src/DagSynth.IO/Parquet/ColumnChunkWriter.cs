using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DagSynth.IO.Csv;
using DagSynth.Outputs;

namespace DagSynth.IO.Parquet;

/// <summary>
/// Encodes one column of the current row group as it arrives, from the chunk's codes and doubles
/// (no string per cell for levels), and writes it as a column chunk: a dictionary page (levels, in
/// model order) and one version-1 data page (definition levels, then the values), both Snappy.
/// </summary>
internal sealed class ColumnChunkWriter
{
    private readonly OutputColumn _column;
    private readonly ByteBuffer _definitions = new();
    private readonly RleHybridEncoder? _definitionLevels;
    private readonly ByteBuffer _values = new(1 << 12);
    private readonly RleHybridEncoder? _indices;
    private readonly BitPackedBooleans? _booleans;
    private readonly byte[]? _dictionary;
    private readonly int _bitWidth;
    private readonly string? _levelsJson;
    private readonly ByteBuffer _page = new(1 << 12);
    private readonly ParquetEncoding[] _encodings;
    private int _rows;
    private long _nulls;
    private bool _hasRange;
    private double _min;
    private double _max;
    private long _minWhole;
    private long _maxWhole;

    public ColumnChunkWriter(OutputColumn column)
    {
        _column = column;
        var (type, logical) = column.Kind switch
        {
            OutputColumnKind.Boolean => (PhysicalType.Boolean, LogicalType.None),
            OutputColumnKind.Number => (PhysicalType.Double, LogicalType.None),
            OutputColumnKind.Count => (PhysicalType.Int64, LogicalType.None),
            OutputColumnKind.Date => (PhysicalType.Int32, LogicalType.Date),
            _ => (PhysicalType.ByteArray, LogicalType.String),
        };
        Descriptor = new ColumnDescriptor(column.Name, type, logical, column.Nullable);
        if (column.Nullable)
        {
            _definitionLevels = new RleHybridEncoder(_definitions, 1);
        }

        if (column.HasCodes)
        {
            _levelsJson = JsonSerializer.Serialize(column.Levels);
        }

        if (column.Kind == OutputColumnKind.Level)
        {
            var dictionary = new ByteBuffer();
            foreach (var level in column.Levels)
            {
                PlainEncoder.WriteBytes(dictionary, Encoding.UTF8.GetBytes(level));
            }

            _dictionary = dictionary.Written.ToArray();
            _bitWidth = RleHybridEncoder.BitWidthOf(column.Levels.Length - 1);
            _indices = new RleHybridEncoder(_values, _bitWidth);
        }
        else if (column.Kind == OutputColumnKind.Boolean)
        {
            _booleans = new BitPackedBooleans(_values);
        }

        _encodings = (_dictionary is not null, column.Nullable) switch
        {
            (true, true) => [ParquetEncoding.Plain, ParquetEncoding.Rle, ParquetEncoding.RleDictionary],
            (true, false) => [ParquetEncoding.Plain, ParquetEncoding.RleDictionary],
            (false, true) => [ParquetEncoding.Plain, ParquetEncoding.Rle],
            (false, false) => [ParquetEncoding.Plain],
        };
    }

    public ColumnDescriptor Descriptor { get; }

    /// <summary>Appends rows <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> of the column's arrays (those of <see cref="RowChunk.Arrays"/>).</summary>
    public void Append(ushort[]? codes, double[]? values, string?[]? texts, bool[]? nulls, int from, int count)
    {
        var end = from + count;
        _rows += count;
        if (_definitionLevels is { } definitions)
        {
            for (var i = from; i < end; i++)
            {
                var isNull = nulls is not null && nulls[i];
                definitions.Put(isNull ? 0 : 1);
                _nulls += isNull ? 1 : 0;
            }
        }
        else
        {
            nulls = null; // a required column has no missing cells
        }

        switch (_column.Kind)
        {
            case OutputColumnKind.Level:
                AppendIndices(codes!, nulls, from, end);
                break;
            case OutputColumnKind.Boolean:
                for (var i = from; i < end; i++)
                {
                    if (nulls is null || !nulls[i])
                    {
                        _booleans!.Put(codes![i] == 1);
                    }
                }

                break;
            case OutputColumnKind.Number:
                AppendDoubles(values!, nulls, from, end);
                break;
            case OutputColumnKind.Count:
            case OutputColumnKind.Date:
                AppendWhole(values!, nulls, from, end);
                break;
            case OutputColumnKind.Identifier:
                {
                    Span<char> chars = stackalloc char[256];
                    for (var i = from; i < end; i++)
                    {
                        if (nulls is null || !nulls[i])
                        {
                            PlainEncoder.WriteUtf8(_values, CellText.Format(_column.Variable!, values![i], chars));
                        }
                    }

                    break;
                }

            default:
                for (var i = from; i < end; i++)
                {
                    if (nulls is null || !nulls[i])
                    {
                        PlainEncoder.WriteUtf8(_values, texts![i]);
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Writes the row group's column chunk through <paramref name="pages"/>, appends its
    /// <c>ColumnChunk</c> struct to <paramref name="metadata"/>, and starts the next row group;
    /// returns its size with page headers, uncompressed and compressed.
    /// </summary>
    public (long Uncompressed, long Compressed) WriteChunk(PageWriter pages, ThriftCompactWriter metadata)
    {
        var start = pages.Output.Position;
        long uncompressed = 0, compressed = 0;
        if (_dictionary is not null)
        {
            var (u, c) = pages.WriteDictionaryPage(_dictionary, _column.Levels.Length);
            uncompressed += u;
            compressed += c;
        }

        var dataPageOffset = pages.Output.Position;
        _page.Clear();
        if (_definitionLevels is { } definitions)
        {
            definitions.Finish();
            _page.WriteInt32(_definitions.Length); // version 1 pages prefix the levels with their length
            _page.Write(_definitions.Written);
        }

        if (_indices is { } indices)
        {
            indices.Finish();
            _page.WriteByte((byte)_bitWidth);
        }

        _booleans?.Finish();
        _page.Write(_values.Written);
        var (du, dc) = pages.WriteDataPage(_page.Written, _rows, _dictionary is null ? ParquetEncoding.Plain : ParquetEncoding.RleDictionary);
        uncompressed += du;
        compressed += dc;

        WriteMetadata(metadata, start, dataPageOffset, uncompressed, compressed);
        _definitions.Clear();
        _values.Clear();
        _rows = 0;
        _nulls = 0;
        _hasRange = false;
        return (uncompressed, compressed);
    }

    private void AppendIndices(ushort[] codes, bool[]? nulls, int from, int end)
    {
        var indices = _indices!;
        if (nulls is null)
        {
            for (var i = from; i < end; i++)
            {
                indices.Put(codes[i]);
            }

            return;
        }

        for (var i = from; i < end; i++)
        {
            if (!nulls[i])
            {
                indices.Put(codes[i]);
            }
        }
    }

    private void AppendDoubles(double[] values, bool[]? nulls, int from, int end)
    {
        if (nulls is null)
        {
            PlainEncoder.WriteDoubles(_values, values.AsSpan(from, end - from));
        }

        for (var i = from; i < end; i++)
        {
            if (nulls is not null)
            {
                if (nulls[i])
                {
                    continue;
                }

                _values.WriteDouble(values[i]);
            }

            var value = values[i];
            if (double.IsNaN(value))
            {
                continue; // NaN has no place in an order: it is left out of min and max
            }

            if (!_hasRange)
            {
                (_min, _max, _hasRange) = (value, value, true);
            }
            else if (value < _min)
            {
                _min = value;
            }
            else if (value > _max)
            {
                _max = value;
            }
        }
    }

    private void AppendWhole(double[] values, bool[]? nulls, int from, int end)
    {
        var date = _column.Kind == OutputColumnKind.Date;
        for (var i = from; i < end; i++)
        {
            if (nulls is not null && nulls[i])
            {
                continue;
            }

            // As the text writers read them: counts (long)value, dates (int)value days since 1970-01-01.
            long value = date ? (int)values[i] : (long)values[i];
            if (date)
            {
                _values.WriteInt32((int)value);
            }
            else
            {
                _values.WriteInt64(value);
            }

            if (!_hasRange)
            {
                (_minWhole, _maxWhole, _hasRange) = (value, value, true);
            }
            else if (value < _minWhole)
            {
                _minWhole = value;
            }
            else if (value > _maxWhole)
            {
                _maxWhole = value;
            }
        }
    }

    private void WriteMetadata(ThriftCompactWriter w, long start, long dataPageOffset, long uncompressed, long compressed)
    {
        w.BeginStruct(); // ColumnChunk
        w.I64Field(2, start + compressed); // file_offset (deprecated): where the chunk ends, as Arrow writes it
        w.StructField(3); // ColumnMetaData
        w.I32Field(1, (int)Descriptor.Type);
        w.I32ListField(2, Array.ConvertAll(_encodings, e => (int)e));
        w.StringListField(3, [_column.Name]);
        w.I32Field(4, (int)PageWriter.Codec);
        w.I64Field(5, _rows);
        w.I64Field(6, uncompressed);
        w.I64Field(7, compressed);
        if (_levelsJson is not null)
        {
            w.StructListField(8, 1);
            FileMetadataWriter.WriteKeyValue(w, "dagsynth.levels", _levelsJson);
        }

        w.I64Field(9, dataPageOffset);
        if (_dictionary is not null)
        {
            w.I64Field(11, start);
        }

        w.StructField(12); // Statistics
        w.I64Field(3, _nulls);
        if (_hasRange)
        {
            Span<byte> max = stackalloc byte[8];
            Span<byte> min = stackalloc byte[8];
            var width = Statistic(max, min);
            w.BinaryField(5, max[..width]);
            w.BinaryField(6, min[..width]);
        }

        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
    }

    private int Statistic(Span<byte> max, Span<byte> min)
    {
        switch (Descriptor.Type)
        {
            case PhysicalType.Double:
                // Zeros are written as -0 for a minimum and +0 for a maximum, as the format asks.
                BinaryPrimitives.WriteDoubleLittleEndian(max, _max == 0 ? 0.0 : _max);
                BinaryPrimitives.WriteDoubleLittleEndian(min, _min == 0 ? -0.0 : _min);
                return 8;
            case PhysicalType.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(max, (int)_maxWhole);
                BinaryPrimitives.WriteInt32LittleEndian(min, (int)_minWhole);
                return 4;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(max, _maxWhole);
                BinaryPrimitives.WriteInt64LittleEndian(min, _minWhole);
                return 8;
        }
    }
}
