using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DagSynth.IO.Parquet;

/// <summary>
/// A Snappy compressor (the raw block format Parquet's SNAPPY codec uses): the length as a varint,
/// then literals and back-references found with a hash table of 4-byte sequences, in fragments of
/// 64 KiB as in the reference implementation (whose greedy search and emission rules this follows,
/// without its unrolled fast paths). Output is decodable by any Snappy decompressor.
/// </summary>
internal sealed class SnappyCompressor
{
    private const int FragmentSize = 1 << 16;
    private const int InputMarginBytes = 15;
    private const int MaxTableSize = 1 << 14;

    private readonly ushort[] _table = new ushort[MaxTableSize];

    /// <summary>The most bytes <see cref="Compress"/> writes for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/> (at least <see cref="MaxCompressedLength"/> bytes); returns the bytes written.</summary>
    public int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var op = 0;
        var length = (uint)input.Length;
        while (length >= 0x80)
        {
            output[op++] = (byte)(length | 0x80);
            length >>= 7;
        }

        output[op++] = (byte)length;
        for (var start = 0; start < input.Length; start += FragmentSize)
        {
            op = CompressFragment(input.Slice(start, Math.Min(FragmentSize, input.Length - start)), output, op);
        }

        return op;
    }

    private int CompressFragment(ReadOnlySpan<byte> input, Span<byte> output, int op)
    {
        var n = input.Length;
        var nextEmit = 0;
        if (n >= InputMarginBytes)
        {
            var tableSize = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)n), 256, MaxTableSize);
            var shift = 32 - BitOperations.Log2((uint)tableSize);
            var table = _table.AsSpan(0, tableSize);
            table.Clear();
            var ipLimit = n - InputMarginBytes;
            var ip = 1;
            while (true)
            {
                // Look for a 4-byte match, skipping faster the longer none is found (incompressible data).
                var skip = 32u;
                int candidate;
                while (true)
                {
                    if (ip > ipLimit)
                    {
                        goto EmitRemainder;
                    }

                    var current = Load32(input, ip);
                    var h = Hash(current, shift);
                    candidate = table[h];
                    table[h] = (ushort)ip;
                    if (Load32(input, candidate) == current)
                    {
                        break;
                    }

                    ip += (int)(skip++ >> 5);
                }

                op = EmitLiteral(input[nextEmit..ip], output, op);
                while (true)
                {
                    var matched = 4 + MatchLength(input, candidate + 4, ip + 4);
                    op = EmitCopy(output, op, ip - candidate, matched);
                    ip += matched;
                    nextEmit = ip;
                    if (ip >= ipLimit)
                    {
                        goto EmitRemainder;
                    }

                    table[Hash(Load32(input, ip - 1), shift)] = (ushort)(ip - 1);
                    var current = Load32(input, ip);
                    var h = Hash(current, shift);
                    candidate = table[h];
                    table[h] = (ushort)ip;
                    if (Load32(input, candidate) != current)
                    {
                        break;
                    }
                }

                ip++;
            }
        }

    EmitRemainder:
        if (nextEmit < n)
        {
            op = EmitLiteral(input[nextEmit..], output, op);
        }

        return op;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ReadOnlySpan<byte> input, int at) => BinaryPrimitives.ReadUInt32LittleEndian(input[at..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint bytes, int shift) => (int)((bytes * 0x1e35a7bdu) >> shift);

    private static int MatchLength(ReadOnlySpan<byte> input, int from, int at)
    {
        // The bytes at `from` (earlier) against those at `at`, up to the end of the fragment.
        var common = input[from..].CommonPrefixLength(input[at..]);
        return common;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output, int op)
    {
        var n = literal.Length - 1;
        if (n < 60)
        {
            output[op++] = (byte)(n << 2);
        }
        else if (n < 1 << 8)
        {
            output[op++] = 60 << 2;
            output[op++] = (byte)n;
        }
        else
        {
            // Within a fragment of 64 KiB a literal's length - 1 fits in two bytes.
            output[op++] = 61 << 2;
            output[op++] = (byte)n;
            output[op++] = (byte)(n >> 8);
        }

        literal.CopyTo(output[op..]);
        return op + literal.Length;
    }

    private static int EmitCopy(Span<byte> output, int op, int offset, int length)
    {
        while (length >= 68)
        {
            op = EmitCopyUpTo64(output, op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopyUpTo64(output, op, offset, 60);
            length -= 60;
        }

        return EmitCopyUpTo64(output, op, offset, length);
    }

    private static int EmitCopyUpTo64(Span<byte> output, int op, int offset, int length)
    {
        if (length < 12 && offset < 2048)
        {
            output[op++] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[op++] = (byte)offset;
        }
        else
        {
            output[op++] = (byte)(2 | ((length - 1) << 2));
            output[op++] = (byte)offset;
            output[op++] = (byte)(offset >> 8);
        }

        return op;
    }
}
