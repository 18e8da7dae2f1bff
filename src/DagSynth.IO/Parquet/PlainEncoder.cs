using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace DagSynth.IO.Parquet;

/// <summary>Parquet's PLAIN encoding: little-endian fixed-width values, byte arrays with a 4-byte length, booleans one bit each.</summary>
internal static class PlainEncoder
{
    public static void WriteDoubles(ByteBuffer output, ReadOnlySpan<double> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            output.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (var value in values)
        {
            output.WriteDouble(value);
        }
    }

    /// <summary>A BYTE_ARRAY value: its length, then the bytes.</summary>
    public static void WriteBytes(ByteBuffer output, ReadOnlySpan<byte> value)
    {
        output.WriteInt32(value.Length);
        output.Write(value);
    }

    /// <summary>A string as a UTF-8 BYTE_ARRAY value, encoded straight into the buffer.</summary>
    public static void WriteUtf8(ByteBuffer output, ReadOnlySpan<char> value)
    {
        var span = output.Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        output.Advance(4 + length);
    }
}

/// <summary>PLAIN booleans: one bit per value, the first in the lowest bit of the first byte.</summary>
internal sealed class BitPackedBooleans(ByteBuffer output)
{
    private int _bits;
    private int _count;

    public void Put(bool value)
    {
        _bits |= (value ? 1 : 0) << _count;
        if (++_count == 8)
        {
            output.WriteByte((byte)_bits);
            _bits = 0;
            _count = 0;
        }
    }

    /// <summary>Writes the last, partial byte.</summary>
    public void Finish()
    {
        if (_count > 0)
        {
            output.WriteByte((byte)_bits);
        }

        _bits = 0;
        _count = 0;
    }
}
