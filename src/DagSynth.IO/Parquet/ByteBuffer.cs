using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DagSynth.IO.Parquet;

/// <summary>A growable byte buffer, reused from row group to row group (its memory is kept).</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes;

    public ByteBuffer(int capacity = 256) => _bytes = new byte[Math.Max(capacity, 16)];

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public int Length { get; private set; }

    public void Clear() => Length = 0;

    /// <summary>Room for at least <paramref name="bytes"/> more bytes at the end; <see cref="Advance"/> marks them written.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _bytes.Length)
        {
            Grow(bytes);
        }

        return _bytes.AsSpan(Length);
    }

    public void Advance(int bytes) => Length += bytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (Length == _bytes.Length)
        {
            Grow(1);
        }

        _bytes[Length++] = value;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        Length += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        Length += 8;
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        Length += 8;
    }

    /// <summary>An unsigned LEB128 varint (the ULEB128 of Parquet's RLE headers and Thrift's compact protocol).</summary>
    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    /// <summary>Overwrites a byte already written.</summary>
    public void SetByte(int at, byte value) => _bytes[at] = value;

    private void Grow(int bytes) =>
        Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(2L * _bytes.Length, (long)Length + bytes)));
}
