using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;

namespace DagSynth.IO.Tests.Parquet;

/// <summary>Reads Parquet files back with two independent readers (Parquet.Net and DuckDB), cells as the CSV writes them.</summary>
internal static class ParquetFiles
{
    /// <summary>Every cell as CSV text (null as empty), by Parquet.Net; also the fields and the number of row groups.</summary>
    public static async Task<(List<string[]> Rows, DataField[] Fields, int RowGroups, Dictionary<string, string> Metadata)> ReadWithParquetNet(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var columns = new string[fields.Length][];
            for (var c = 0; c < fields.Length; c++)
            {
                columns[c] = await ReadColumn(group, fields[c], n);
            }

            for (var i = 0; i < n; i++)
            {
                rows.Add([.. columns.Select(c => c[i])]);
            }
        }

        return (rows, fields, reader.RowGroupCount, new Dictionary<string, string>(reader.CustomMetadata, StringComparer.Ordinal));
    }

    /// <summary>Every cell as CSV text (null as empty), by DuckDB; also the column types DuckDB sees.</summary>
    public static (List<string[]> Rows, Dictionary<string, Type> Types) ReadWithDuckDb(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, Type>();
        for (var c = 0; c < reader.FieldCount; c++)
        {
            types[reader.GetName(c)] = reader.GetFieldType(c);
        }

        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => Text(reader.IsDBNull(c) ? null : reader.GetValue(c)))]);
        }

        return (rows, types);
    }

    /// <summary>The result of a DuckDB query, every cell as text.</summary>
    public static List<string[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => Text(reader.IsDBNull(c) ? null : reader.GetValue(c)))]);
        }

        return rows;
    }

    public static string Text(object? value) => value switch
    {
        null or DBNull => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// The entries of the dictionary page of column <paramref name="column"/> in row group <paramref name="rowGroup"/>,
    /// read from the bytes (page header decoded by <see cref="ThriftReader"/>, body by Snappier).
    /// </summary>
    public static async Task<List<string>> DictionaryEntries(string path, int rowGroup, int column)
    {
        long offset;
        await using (var stream = File.OpenRead(path))
        await using (var reader = await ParquetReader.CreateAsync(stream))
        {
            offset = reader.Metadata!.RowGroups[rowGroup].Columns[column].MetaData!.DictionaryPageOffset
                ?? throw new InvalidOperationException("no dictionary page");
        }

        var bytes = File.ReadAllBytes(path);
        var thrift = new ThriftReader(bytes, (int)offset);
        var header = thrift.ReadStruct();
        Assert.Equal(2L, header[1]); // DICTIONARY_PAGE
        var compressedSize = (int)(long)header[3];
        var count = (int)(long)((Dictionary<short, object>)header[7])[1];
        var body = Snappier.Snappy.DecompressToArray(bytes.AsSpan(thrift.Position, compressedSize));
        Assert.Equal((long)body.Length, header[2]);
        var entries = new List<string>();
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(at));
            entries.Add(Encoding.UTF8.GetString(body, at + 4, length));
            at += 4 + length;
        }

        Assert.Equal(body.Length, at);
        return entries;
    }

    /// <summary>The key-value metadata of a column chunk, by Parquet.Net.</summary>
    public static async Task<Dictionary<string, string>> ColumnMetadata(string path, int rowGroup, string column)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(rowGroup);
        return new Dictionary<string, string>(group.GetCustomMetadata(reader.Schema.GetDataFields().Single(f => f.Name == column)), StringComparer.Ordinal);
    }

    private static async Task<string[]> ReadColumn(ParquetRowGroupReader group, DataField field, int n)
    {
        var t = field.ClrType;
        if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[n];
            await group.ReadAsync(field, values.AsMemory());
            return [.. values.Select(v => v ?? string.Empty)];
        }

        if (t == typeof(bool))
        {
            return await Read<bool>(group, field, n);
        }

        if (t == typeof(double))
        {
            return await Read<double>(group, field, n);
        }

        if (t == typeof(long))
        {
            return await Read<long>(group, field, n);
        }

        if (t == typeof(DateOnly))
        {
            return await Read<DateOnly>(group, field, n);
        }

        if (t == typeof(DateTime))
        {
            return await Read<DateTime>(group, field, n);
        }

        throw new InvalidOperationException($"unexpected type {t} of {field.Name}");
    }

    private static async Task<string[]> Read<T>(ParquetRowGroupReader group, DataField field, int n)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[n];
            await group.ReadAsync(field, values.AsMemory());
            return [.. values.Select(v => Text(v))];
        }

        var required = new T[n];
        await group.ReadAsync(field, required.AsMemory());
        return [.. required.Select(v => Text(v))];
    }
}

/// <summary>A minimal reader of Thrift's compact protocol (structs as field id → value), to check our writer independently.</summary>
internal sealed class ThriftReader(byte[] bytes, int position)
{
    public int Position { get; private set; } = position;

    public Dictionary<short, object> ReadStruct()
    {
        var fields = new Dictionary<short, object>();
        short last = 0;
        while (true)
        {
            var header = bytes[Position++];
            if (header == 0)
            {
                return fields;
            }

            var type = header & 0x0F;
            var delta = header >> 4;
            var id = delta != 0 ? (short)(last + delta) : (short)ZigZag((long)ReadVarint());
            fields[id] = ReadValue(type);
            last = id;
        }
    }

    private object ReadValue(int type) => type switch
    {
        1 => true,
        2 => false,
        3 => (long)bytes[Position++],
        4 or 5 or 6 => ZigZag((long)ReadVarint()),
        8 => ReadBinary(),
        9 => ReadList(),
        12 => ReadStruct(),
        _ => throw new InvalidOperationException($"thrift type {type}"),
    };

    private List<object> ReadList()
    {
        var header = bytes[Position++];
        var size = header >> 4;
        if (size == 15)
        {
            size = (int)ReadVarint();
        }

        var list = new List<object>();
        for (var i = 0; i < size; i++)
        {
            list.Add(ReadValue(header & 0x0F));
        }

        return list;
    }

    private byte[] ReadBinary()
    {
        var length = (int)ReadVarint();
        var value = bytes.AsSpan(Position, length).ToArray();
        Position += length;
        return value;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[Position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static long ZigZag(long n) => (long)((ulong)n >> 1) ^ -(n & 1);
}
