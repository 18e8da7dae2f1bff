namespace DagSynth.IO.Parquet;

/// <summary>
/// Parquet's footer (<c>FileMetaData</c>): the flat schema, the row groups and their column chunks,
/// key-value metadata and the column orders. Row groups are serialized as they are finished, so
/// what is kept per row group is a few bytes per column, not objects.
/// </summary>
internal sealed class FileMetadataWriter
{
    private readonly IReadOnlyList<ColumnDescriptor> _columns;
    private readonly ByteBuffer _rowGroups = new(1 << 12);
    private readonly ThriftCompactWriter _rowGroupWriter;
    private int _rowGroupCount;
    private long _rows;

    public FileMetadataWriter(IReadOnlyList<ColumnDescriptor> columns)
    {
        _columns = columns;
        _rowGroupWriter = new ThriftCompactWriter(_rowGroups);
    }

    /// <summary>
    /// Adds a row group whose <c>ColumnChunk</c> structs (one per column, in order) are
    /// <paramref name="columnChunks"/>; sizes are of the pages with their headers.
    /// </summary>
    public void AddRowGroup(ReadOnlySpan<byte> columnChunks, long rows, long fileOffset, long uncompressedSize, long compressedSize)
    {
        var w = _rowGroupWriter;
        w.BeginStruct();
        w.StructListField(1, _columns.Count);
        _rowGroups.Write(columnChunks);
        w.I64Field(2, uncompressedSize);
        w.I64Field(3, rows);
        w.I64Field(5, fileOffset);
        w.I64Field(6, compressedSize);
        w.EndStruct();
        _rowGroupCount++;
        _rows += rows;
    }

    /// <summary>Writes the <c>FileMetaData</c> struct.</summary>
    public void Write(ThriftCompactWriter w, IReadOnlyList<KeyValuePair<string, string>> keyValues, string createdBy)
    {
        w.BeginStruct();
        w.I32Field(1, 1); // version
        w.StructListField(2, _columns.Count + 1);
        w.BeginStruct(); // the root
        w.StringField(4, "schema");
        w.I32Field(5, _columns.Count);
        w.EndStruct();
        foreach (var column in _columns)
        {
            w.BeginStruct();
            w.I32Field(1, (int)column.Type);
            w.I32Field(3, column.Optional ? 1 : 0); // OPTIONAL or REQUIRED
            w.StringField(4, column.Name);
            switch (column.Logical)
            {
                case LogicalType.String:
                    w.I32Field(6, 0); // converted type UTF8
                    w.StructField(10);
                    w.StructField(1); // StringType
                    w.EndStruct();
                    w.EndStruct();
                    break;
                case LogicalType.Date:
                    w.I32Field(6, 6); // converted type DATE
                    w.StructField(10);
                    w.StructField(6); // DateType
                    w.EndStruct();
                    w.EndStruct();
                    break;
            }

            w.EndStruct();
        }

        w.I64Field(3, _rows);
        w.StructListField(4, _rowGroupCount);
        w.Output.Write(_rowGroups.Written);
        w.StructListField(5, keyValues.Count);
        foreach (var (key, value) in keyValues)
        {
            WriteKeyValue(w, key, value);
        }

        w.StringField(6, createdBy);
        w.StructListField(7, _columns.Count);
        for (var c = 0; c < _columns.Count; c++)
        {
            w.BeginStruct();
            w.StructField(1); // TypeDefinedOrder: min and max are compared as the type's values
            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
    }

    /// <summary>A <c>KeyValue</c> struct (an element of a list).</summary>
    public static void WriteKeyValue(ThriftCompactWriter w, string key, string value)
    {
        w.BeginStruct();
        w.StringField(1, key);
        w.StringField(2, value);
        w.EndStruct();
    }
}
