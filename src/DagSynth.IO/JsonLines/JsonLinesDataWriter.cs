using System.Buffers;
using System.Text.Json;
using DagSynth.IO.Csv;
using DagSynth.Outputs;

namespace DagSynth.IO.JsonLines;

/// <summary>
/// Writes rows as JSON Lines: one object per line, keys in column order, levels as strings, booleans
/// as <c>true</c>/<c>false</c>, numbers as numbers (counts whole), dates as <c>"yyyy-MM-dd"</c>,
/// identifiers and text as strings, missing values as <c>null</c>; UTF-8, <c>\n</c> after every line.
/// </summary>
public sealed class JsonLinesDataWriter : ITableWriter
{
    private const int FlushBytes = 1 << 16;
    private readonly Stream _stream;
    private readonly OutputSchema _schema;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;
    private readonly JsonEncodedText[] _names;

    /// <summary>Creates a writer to <paramref name="stream"/> (left open).</summary>
    public JsonLinesDataWriter(Stream stream, OutputSchema schema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _schema = schema;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        _names = [.. schema.Columns.Select(c => JsonEncodedText.Encode(c.Name, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
    }

    /// <inheritdoc/>
    public long RowsWritten { get; private set; }

    /// <inheritdoc/>
    public void Write(RowChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var columns = _schema.Columns;
        Span<char> text = stackalloc char[256];
        for (var i = 0; i < chunk.Count; i++)
        {
            _json.WriteStartObject();
            for (var c = 0; c < columns.Length; c++)
            {
                var column = columns[c];
                _json.WritePropertyName(_names[c]);
                if (chunk.IsNull(c, i))
                {
                    _json.WriteNullValue();
                    continue;
                }

                switch (column.Kind)
                {
                    case OutputColumnKind.Boolean:
                        _json.WriteBooleanValue(chunk.Codes(c)[i] == 1);
                        break;
                    case OutputColumnKind.Level:
                        _json.WriteStringValue(column.Levels[chunk.Codes(c)[i]]);
                        break;
                    case OutputColumnKind.Text:
                        _json.WriteStringValue(chunk.Texts(c)[i]);
                        break;
                    case OutputColumnKind.Count:
                        _json.WriteNumberValue((long)chunk.Values(c)[i]);
                        break;
                    case OutputColumnKind.Number:
                        var value = chunk.Values(c)[i];
                        if (double.IsFinite(value))
                        {
                            _json.WriteRawValue(CellText.Format(column.Variable!, value, text), skipInputValidation: true);
                        }
                        else
                        {
                            _json.WriteNullValue();
                        }

                        break;
                    default:
                        _json.WriteStringValue(CellText.Format(column.Variable!, chunk.Values(c)[i], text));
                        break;
                }
            }

            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            _buffer.Write("\n"u8);
            if (_buffer.WrittenCount >= FlushBytes)
            {
                _stream.Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
        }

        RowsWritten += chunk.Count;
    }

    /// <inheritdoc/>
    public void Complete()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        _stream.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();
}
