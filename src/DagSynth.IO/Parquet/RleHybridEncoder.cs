using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DagSynth.IO.Parquet;

/// <summary>
/// Parquet's RLE / bit-packing hybrid encoding of small unsigned integers (definition levels,
/// dictionary indices), streaming: a value repeated at least 8 times becomes a run (a varint header
/// and the value), anything else bit-packed groups of 8 values under one header byte (at most 63
/// groups). The same scheme as the reference writers (Impala's and Arrow's <c>RleEncoder</c>).
/// </summary>
internal sealed class RleHybridEncoder
{
    private const int MaxGroupsPerLiteralRun = 63; // so that the literal run's header is one byte

    private readonly ByteBuffer _output;
    private readonly int _bitWidth;
    private readonly int _valueBytes;
    private readonly int[] _buffered = new int[8];
    private int _bufferedCount;
    private int _current = -1;
    private int _repeatCount;
    private int _literalCount;
    private int _literalHeaderAt = -1;

    /// <summary>Creates an encoder of values of <paramref name="bitWidth"/> bits (1 to 16) appending to <paramref name="output"/>.</summary>
    public RleHybridEncoder(ByteBuffer output, int bitWidth)
    {
        if (bitWidth is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bitWidth), bitWidth, "the bit width must be 1 to 16");
        }

        _output = output;
        _bitWidth = bitWidth;
        _valueBytes = (bitWidth + 7) / 8;
    }

    /// <summary>The bits needed for values up to <paramref name="max"/> (at least 1).</summary>
    public static int BitWidthOf(int max) => Math.Max(1, 32 - int.LeadingZeroCount(max));

    /// <summary>Appends one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(int value)
    {
        if (value == _current)
        {
            if (++_repeatCount > 8)
            {
                return; // the run goes on
            }
        }
        else
        {
            if (_repeatCount >= 8)
            {
                WriteRun();
            }

            _repeatCount = 1;
            _current = value;
        }

        _buffered[_bufferedCount] = value;
        if (++_bufferedCount == 8)
        {
            FlushGroup();
        }
    }

    /// <summary>Ends the last run; the encoder can then be used again from a clean state (for the next page).</summary>
    public void Finish()
    {
        if (_literalCount > 0 || _repeatCount > 0 || _bufferedCount > 0)
        {
            var allRepeat = _literalCount == 0 && (_repeatCount == _bufferedCount || _bufferedCount == 0);
            if (_repeatCount > 0 && allRepeat)
            {
                WriteRun();
            }
            else
            {
                // The last group is padded with zeros; the page's value count says where the values end.
                if (_bufferedCount > 0)
                {
                    Array.Clear(_buffered, _bufferedCount, 8 - _bufferedCount);
                    _bufferedCount = 8;
                }

                _literalCount += _bufferedCount;
                WriteLiteralGroups(closeRun: true);
            }
        }

        _current = -1;
        _repeatCount = 0;
        _bufferedCount = 0;
        _literalCount = 0;
        _literalHeaderAt = -1;
    }

    private void FlushGroup()
    {
        if (_repeatCount >= 8)
        {
            // The 8 buffered values are the start of a run: the literal run before them (already
            // written) only needs its header.
            _bufferedCount = 0;
            if (_literalCount != 0)
            {
                WriteLiteralGroups(closeRun: true);
            }

            return;
        }

        _literalCount += _bufferedCount;
        WriteLiteralGroups(closeRun: _literalCount / 8 >= MaxGroupsPerLiteralRun);
        _repeatCount = 0;
    }

    private void WriteRun()
    {
        _output.WriteVarint((ulong)_repeatCount << 1);
        var value = _current;
        for (var b = 0; b < _valueBytes; b++)
        {
            _output.WriteByte((byte)(value >> (8 * b)));
        }

        _bufferedCount = 0;
        _repeatCount = 0;
    }

    private void WriteLiteralGroups(bool closeRun)
    {
        if (_literalHeaderAt < 0)
        {
            _literalHeaderAt = _output.Length;
            _output.WriteByte(0); // the header, set when the run is closed
        }

        if (_bufferedCount > 0)
        {
            PackGroup();
            _bufferedCount = 0;
        }

        if (closeRun)
        {
            _output.SetByte(_literalHeaderAt, (byte)(((_literalCount / 8) << 1) | 1));
            _literalHeaderAt = -1;
            _literalCount = 0;
        }
    }

    private void PackGroup()
    {
        // 8 values of w bits are w bytes, the first value in the lowest bits.
        var b = _buffered;
        var span = _output.Reserve(16);
        if (_bitWidth <= 8)
        {
            var packed = 0UL;
            for (var i = 0; i < 8; i++)
            {
                packed |= (ulong)(uint)b[i] << (i * _bitWidth);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(span, packed);
        }
        else
        {
            var packed = UInt128.Zero;
            for (var i = 0; i < 8; i++)
            {
                packed |= (UInt128)(uint)b[i] << (i * _bitWidth);
            }

            BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)packed);
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], (ulong)(packed >> 64));
        }

        _output.Advance(_bitWidth);
    }
}
