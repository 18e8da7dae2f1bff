using System.Text;

namespace DagSynth.IO.Parquet;

/// <summary>
/// The writing half of Thrift's compact protocol, as much of it as Parquet's footer and page headers
/// need: structs with short field-id deltas, i32/i64 as zigzag varints, booleans in the field header,
/// binary/strings with a varint length, and lists.
/// </summary>
internal sealed class ThriftCompactWriter(ByteBuffer output)
{
    private const byte BooleanTrue = 1;
    private const byte BooleanFalse = 2;
    private const byte I32 = 5;
    private const byte I64 = 6;
    private const byte Binary = 8;
    private const byte List = 9;
    private const byte Struct = 12;

    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    public ByteBuffer Output => output;

    /// <summary>Starts a struct: the top-level one, a list element or (after <see cref="StructField"/>) a field.</summary>
    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        output.WriteByte(0); // stop
        _lastFieldId = _lastFieldIds.Pop();
    }

    public void I32Field(short id, int value)
    {
        FieldHeader(id, I32);
        output.WriteVarint(ZigZag(value));
    }

    public void I64Field(short id, long value)
    {
        FieldHeader(id, I64);
        output.WriteVarint(ZigZag(value));
    }

    public void BoolField(short id, bool value) => FieldHeader(id, value ? BooleanTrue : BooleanFalse);

    public void BinaryField(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, Binary);
        output.WriteVarint((ulong)value.Length);
        output.Write(value);
    }

    public void StringField(short id, string value) => BinaryField(id, Encoding.UTF8.GetBytes(value));

    /// <summary>A struct-valued field: follow with its fields and <see cref="EndStruct"/>.</summary>
    public void StructField(short id)
    {
        FieldHeader(id, Struct);
        BeginStruct();
    }

    /// <summary>A list of i32 (Thrift enums are i32).</summary>
    public void I32ListField(short id, ReadOnlySpan<int> values)
    {
        FieldHeader(id, List);
        ListHeader(values.Length, I32);
        foreach (var value in values)
        {
            output.WriteVarint(ZigZag(value));
        }
    }

    public void StringListField(short id, IReadOnlyList<string> values)
    {
        FieldHeader(id, List);
        ListHeader(values.Count, Binary);
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            output.WriteVarint((ulong)bytes.Length);
            output.Write(bytes);
        }
    }

    /// <summary>A list of structs: follow with <paramref name="count"/> elements, each <see cref="BeginStruct"/> ... <see cref="EndStruct"/>.</summary>
    public void StructListField(short id, int count)
    {
        FieldHeader(id, List);
        ListHeader(count, Struct);
    }

    private void FieldHeader(short id, byte type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            output.WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            output.WriteByte(type);
            output.WriteVarint(ZigZag(id));
        }

        _lastFieldId = id;
    }

    private void ListHeader(int count, byte elementType)
    {
        if (count < 15)
        {
            output.WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            output.WriteByte((byte)(0xF0 | elementType));
            output.WriteVarint((ulong)count);
        }
    }

    private static ulong ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
