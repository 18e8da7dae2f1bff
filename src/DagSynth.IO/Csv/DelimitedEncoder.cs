using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using DagSynth.Models;
using DagSynth.Outputs;

namespace DagSynth.IO.Csv;

/// <summary>
/// Encodes rows as delimited UTF-8 text straight into a byte buffer: the bytes of every level are
/// encoded (and quoted where needed) once, numbers are formatted into the buffer without strings,
/// so a cell costs a copy of a few bytes. Rows are encoded on the sampling threads and the writer
/// only copies finished buffers to the file (docs/decisions/0005-own-delimited-encoder.md).
/// Quoting follows RFC 4180: a field is quoted, with quotes doubled, only when it contains the
/// separator, a quote, CR or LF.
/// </summary>
public sealed class DelimitedEncoder
{
    private readonly OutputSchema _schema;
    private readonly byte _separator;
    private readonly byte[]?[][] _levels;
    private readonly Vector128<byte>[]?[] _cells;
    private readonly byte[]?[] _cellLengths;
    private readonly int _maxRowBytes;

    /// <summary>Creates an encoder of <paramref name="schema"/>'s columns with <paramref name="separator"/>.</summary>
    public DelimitedEncoder(OutputSchema schema, char separator)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _separator = (byte)separator;
        _levels = new byte[]?[schema.Columns.Length][];
        _cells = new Vector128<byte>[]?[schema.Columns.Length];
        _cellLengths = new byte[]?[schema.Columns.Length];
        var max = 16;
        for (var c = 0; c < schema.Columns.Length; c++)
        {
            var column = schema.Columns[c];
            if (column.Kind is OutputColumnKind.Level or OutputColumnKind.Boolean)
            {
                _levels[c] = [.. column.Levels.Select(l => Encoding.UTF8.GetBytes(Escape(l, separator)))];
                max += _levels[c]!.Max(b => b!.Length) + 1;
                if (_levels[c]!.All(b => b!.Length < 16))
                {
                    // Each level with its terminator (the separator, or the line end after the last
                    // column) in one 16-byte word: a cell is then one unaligned store.
                    var terminator = c == schema.Columns.Length - 1 ? (byte)'\n' : (byte)separator;
                    _cells[c] = [.. _levels[c]!.Select(b =>
                    {
                        Span<byte> word = stackalloc byte[16];
                        b.CopyTo(word);
                        word[b!.Length] = terminator;
                        return Vector128.Create((ReadOnlySpan<byte>)word);
                    })];
                    _cellLengths[c] = [.. _levels[c]!.Select(b => (byte)(b!.Length + 1))];
                }
            }
            else
            {
                max += 4 * 260; // a formatted number, date or identifier (UTF-8, quoted); text is sized when met
            }
        }

        _maxRowBytes = max;
        Header = Encoding.UTF8.GetBytes(string.Join(separator, schema.Columns.Select(c => Escape(c.Name, separator))) + "\n");
    }

    /// <summary>The header line, encoded.</summary>
    public byte[] Header { get; }

    /// <summary>Appends the rows of <paramref name="chunk"/> to <paramref name="output"/>.</summary>
    public void Encode(RowChunk chunk, EncodedRows output)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(output);
        var columns = _schema.Columns;
        var (codes, values, texts, nulls) = chunk.Arrays();
        var last = columns.Length - 1;
        var count = chunk.Count;
        Span<char> chars = stackalloc char[256];
        for (var i = 0; i < count; i++)
        {
            var buffer = output.Reserve(_maxRowBytes);
            var at = 0;
            for (var c = 0; c <= last; c++)
            {
                var terminator = c == last ? (byte)'\n' : _separator;
                if (nulls[c] is { } isNull && isNull[i])
                {
                    buffer[at++] = terminator;
                    continue;
                }

                if (_cells[c] is { } cells)
                {
                    // The word holds the level's bytes and the terminator; the bytes stored past them
                    // are overwritten by the next cell (the buffer keeps 16 bytes of room at its end).
                    var code = codes[c]![i];
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(buffer), at), cells[code]);
                    at += _cellLengths[c]![code];
                    continue;
                }

                if (_levels[c] is { } encoded)
                {
                    var bytes = encoded[codes[c]![i]]!;
                    bytes.CopyTo(buffer[at..]);
                    at += bytes.Length;
                }
                else if (columns[c].Kind == OutputColumnKind.Text)
                {
                    var text = Escape(texts[c]![i] ?? string.Empty, (char)_separator);
                    output.Advance(at);
                    buffer = output.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length) + _maxRowBytes);
                    at = Encoding.UTF8.GetBytes(text, buffer);
                }
                else
                {
                    var variable = columns[c].Variable!;
                    var formatted = CellText.Format(variable, values[c]![i], chars);
                    if (variable.Kind == VariableKind.Identifier)
                    {
                        // An identifier's prefix and suffix are written as given: they may need quotes, or be non-ASCII.
                        at += Encoding.UTF8.GetBytes(Escape(formatted.ToString(), (char)_separator), buffer[at..]);
                    }
                    else
                    {
                        for (var k = 0; k < formatted.Length; k++)
                        {
                            buffer[at + k] = (byte)formatted[k]; // numbers and dates are ASCII
                        }

                        at += formatted.Length;
                    }
                }

                buffer[at++] = terminator;
            }

            output.Advance(at);
        }
    }

    /// <summary>A field as written: quoted, with quotes doubled, when it holds the separator, a quote, CR or LF.</summary>
    public static string Escape(string field, char separator)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>A growable buffer of encoded rows, reused from batch to batch.</summary>
public sealed class EncodedRows
{
    private byte[] _buffer = new byte[1 << 16];

    /// <summary>The bytes encoded so far.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>The number of bytes encoded so far.</summary>
    public int Length { get; private set; }

    /// <summary>Forgets the bytes (keeps the memory).</summary>
    public void Clear() => Length = 0;

    /// <summary>Room for at least <paramref name="bytes"/> more bytes, at the end of what is encoded.</summary>
    public Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        }

        return _buffer.AsSpan(Length);
    }

    /// <summary>Marks <paramref name="bytes"/> more bytes as encoded.</summary>
    public void Advance(int bytes) => Length += bytes;
}
